/**
 * The background's IndexedDB (Dexie). Only the background opens it: content scripts ask over the
 * triage port. Each row is one server triage result with the hash of the summary it was computed
 * from, so a changed row (new snippet, read/unread) is triaged again.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import {
  type CalendarEvent,
  type EventPrep,
  type SeenThread,
  type Task,
  withOwedAt,
} from '../../shared/day/model';
import type { LearnedRule, TriageResult, Urgency } from '../../shared/schemas';
import type { UrgencyCounts } from '../platform/messages';
import type { OutboxEntry, StoredSyncRow, SyncMeta } from './sync/sync-tables';
import { seedOutbox } from './sync/sync-tables';

export interface CachedTriage {
  /** MessageSummary.id (Gmail thread id or derived key). */
  id: string;
  result: TriageResult;
  contentHash: string;
  /** Copied out of `result` so it can be indexed for the popup's counts. */
  urgency: Urgency;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** Before version 3: a task made from an action item, done or not. */
interface LegacyTask {
  id: string;
  title: string;
  owner?: string;
  due?: string;
  threadId?: string;
  subject?: string;
  done: boolean;
  createdAt: number;
  updatedAt: number;
}

export type StoredTask = Task;

/** An AI brief as the API returned it, kept per event and per content of what it was built from. */
export interface StoredBrief {
  eventId: string;
  contentHash: string;
  brief: unknown;
  at: number;
}

/** A rule learned from a correction; lives here until sync carries it across devices. */
export type StoredRule = LearnedRule;

export class BrodyDatabase extends Dexie {
  triage!: EntityTable<CachedTriage, 'id'>;
  tasks!: EntityTable<StoredTask, 'id'>;
  rules!: EntityTable<StoredRule, 'id'>;
  events!: EntityTable<CalendarEvent, 'id'>;
  threads!: EntityTable<SeenThread, 'id'>;
  prep!: EntityTable<EventPrep, 'eventId'>;
  briefs!: EntityTable<StoredBrief, 'eventId'>;
  /** Local writes not yet acknowledged by the API, by mutation id (strictly increasing). */
  outbox!: Table<OutboxEntry, number>;
  /** Every synced row's values and per-field clocks, the state the LWW merge works on. */
  syncRows!: Table<StoredSyncRow, string>;
  /** One row: this install's clock node, next mutation id, pull cursor, last sync. */
  syncMeta!: Table<SyncMeta, string>;

  constructor(name = 'brody') {
    super(name);
    this.version(1).stores({ triage: 'id, urgency, updatedAt' });
    this.version(2).stores({
      triage: 'id, urgency, updatedAt',
      tasks: 'id, done, due, createdAt, threadId',
      rules: 'id, sender, confirmedAt',
    });
    this.version(3)
      .stores({
        triage: 'id, urgency, updatedAt',
        tasks: 'id, status, due, order, threadId, eventId, *people, updatedAt',
        rules: 'id, sender, confirmedAt',
        events: 'id, start, *attendeeEmails, seenAt',
        threads: 'id, lastAt, *participants, urgency, seenAt',
        prep: 'eventId, updatedAt',
        briefs: 'eventId',
      })
      .upgrade((tx) =>
        tx
          .table('tasks')
          .toCollection()
          .modify((row: LegacyTask & Partial<Task>, ref: { value: unknown }) => {
            ref.value = migrateTask(row);
          }),
      );
    // Sync: the rows made before it existed are queued once, so the first sign-in uploads them.
    this.version(4)
      .stores({
        triage: 'id, urgency, updatedAt',
        tasks: 'id, status, due, order, threadId, eventId, *people, updatedAt',
        rules: 'id, sender, confirmedAt',
        events: 'id, start, *attendeeEmails, seenAt',
        threads: 'id, lastAt, *participants, urgency, seenAt',
        prep: 'eventId, updatedAt',
        briefs: 'eventId',
        outbox: 'id',
        syncRows: 'key',
        syncMeta: 'key',
      })
      .upgrade((tx) => seedOutbox(tx));
    // Today's reads as single index ranges: the newest high-rated threads, and open tasks by due date.
    this.version(5).stores({
      triage: 'id, urgency, updatedAt, [urgency+updatedAt]',
      tasks: 'id, status, due, order, threadId, eventId, *people, updatedAt, [status+due]',
    });
    // Replies owed as one index range, newest first: threads carry owedAt only while a reply is owed.
    this.version(6)
      .stores({ threads: 'id, lastAt, *participants, urgency, seenAt, owedAt' })
      .upgrade((tx) =>
        tx
          .table('threads')
          .toCollection()
          .modify((row: SeenThread, ref: { value: unknown }) => {
            ref.value = withOwedAt(row);
          }),
      );
  }
}

/** Cached results whose content hash still matches, keyed by id. */
export async function getFreshCached(
  db: BrodyDatabase,
  wanted: readonly { id: string; contentHash: string }[],
): Promise<Map<string, TriageResult>> {
  const rows = await db.triage.bulkGet(wanted.map((entry) => entry.id));
  const fresh = new Map<string, TriageResult>();
  rows.forEach((row, index) => {
    if (row && row.contentHash === wanted[index]?.contentHash) fresh.set(row.id, row.result);
  });
  return fresh;
}

export async function storeResults(
  db: BrodyDatabase,
  entries: readonly { result: TriageResult; contentHash: string }[],
  now = Date.now(),
): Promise<void> {
  await db.triage.bulkPut(
    entries.map(({ result, contentHash }) => ({
      id: result.id,
      result,
      contentHash,
      urgency: result.urgency,
      updatedAt: now,
    })),
  );
}

export async function countByUrgency(db: BrodyDatabase): Promise<UrgencyCounts> {
  const [high, medium, low] = await Promise.all(
    (['high', 'medium', 'low'] as const).map((urgency) => db.triage.where('urgency').equals(urgency).count()),
  );
  const counts = { high: high ?? 0, medium: medium ?? 0, low: low ?? 0 };
  return { ...counts, total: counts.high + counts.medium + counts.low };
}

/** Drops entries not refreshed since `cutoff` (epoch ms); keeps the cache from growing forever. */
export async function pruneBefore(db: BrodyDatabase, cutoff: number): Promise<number> {
  return db.triage.where('updatedAt').below(cutoff).delete();
}

/** A version 2 task (title, done, thread) in the version 3 model; already-migrated rows pass through. */
export function migrateTask(row: LegacyTask | Task): Task {
  if ('status' in row && 'source' in row) return row;
  const legacy = row as LegacyTask;
  return {
    id: legacy.id,
    title: legacy.title,
    notes: '',
    priority: 'medium',
    status: legacy.done ? 'completed' : 'pending',
    ...(legacy.due ? { due: legacy.due } : {}),
    source: legacy.threadId
      ? { kind: 'thread', threadId: legacy.threadId, ...(legacy.subject ? { subject: legacy.subject } : {}) }
      : { kind: 'manual' },
    proposedBy: legacy.threadId ? 'mail' : 'user',
    ...(legacy.owner ? { owner: legacy.owner } : {}),
    people: [],
    order: legacy.createdAt,
    ...(legacy.threadId ? { threadId: legacy.threadId } : {}),
    createdAt: legacy.createdAt,
    updatedAt: legacy.updatedAt,
    ...(legacy.done ? { completedAt: legacy.updatedAt } : {}),
  };
}
