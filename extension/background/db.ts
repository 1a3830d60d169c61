/**
 * The background's IndexedDB (Dexie). Only the background opens it: content scripts ask over the
 * triage port. Each row is one server triage result with the hash of the summary it was computed
 * from, so a changed row (new snippet, read/unread) is triaged again.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { ActionItem, LearnedRule, TriageResult, Urgency } from '../../shared/schemas';
import type { UrgencyCounts } from '../platform/messages';

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

/** A task the user made from an action item (or by hand). */
export interface StoredTask {
  /** Client-generated id (crypto.randomUUID()). */
  id: string;
  title: string;
  owner?: ActionItem['owner'];
  /** ISO date (YYYY-MM-DD) when the mail stated one. */
  due?: string;
  /** Where it came from, one click back to the source. */
  threadId?: string;
  subject?: string;
  done: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** A rule learned from a correction; lives here until sync carries it across devices. */
export type StoredRule = LearnedRule;

export class BrodyDatabase extends Dexie {
  triage!: EntityTable<CachedTriage, 'id'>;
  tasks!: EntityTable<StoredTask, 'id'>;
  rules!: EntityTable<StoredRule, 'id'>;

  constructor(name = 'brody') {
    super(name);
    this.version(1).stores({ triage: 'id, urgency, updatedAt' });
    this.version(2).stores({
      triage: 'id, urgency, updatedAt',
      tasks: 'id, done, due, createdAt, threadId',
      rules: 'id, sender, confirmedAt',
    });
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
