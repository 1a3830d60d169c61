/**
 * What Brody has seen of the user's mail, per thread and person: every triaged Gmail row and every
 * opened conversation. Rows say little (sender, subject, snippet); an opened thread says who wrote
 * last and whether it asks something, so an opened thread's reading is never overwritten by an
 * older row's.
 */
import { type SeenThread, withOwedAt } from '../../../shared/day/model';
import type {
  MessageSummary,
  ThreadSummaryRequest,
  TriageContextInput,
  Urgency,
} from '../../../shared/schemas';
import { triage } from '../../../shared/triage';
import type { BrodyDatabase } from '../db';
import { asksSomething } from './asks';

export interface RecordOptions {
  userEmails: readonly string[];
  /** Rows of the Sent view: the address shown is a recipient, and the user wrote the message. */
  sentView?: boolean;
  context?: Partial<TriageContextInput>;
  /** Urgencies the caller already has (the triage port's answers), by row id: no second triage. */
  urgencies?: ReadonlyMap<string, Urgency>;
  now?: number;
}

const lower = (email: string | undefined) => (email ?? '').trim().toLowerCase();

/** Gmail's Sent view, from the URL the tab had when the rows were read. */
export function isSentView(url: string | undefined): boolean {
  return /#sent(?:$|[/?])/.test(url ?? '');
}

function timeOf(iso: string | undefined, fallback: number): number {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(at) ? fallback : at;
}

export async function recordRows(
  db: BrodyDatabase,
  rows: readonly MessageSummary[],
  options: RecordOptions,
): Promise<void> {
  const now = options.now ?? Date.now();
  const user = new Set(options.userEmails.map(lower));
  const keyOf = (row: MessageSummary) => row.threadId || row.id;
  const unknown = rows.filter((row) => !options.urgencies?.has(row.id));
  const [known, cachedRows] = await Promise.all([
    db.threads.bulkGet(rows.map(keyOf)),
    unknown.length > 0 ? db.triage.bulkGet(unknown.map((row) => row.id)) : [],
  ]);
  const cached = new Map(cachedRows.flatMap((row) => (row ? [[row.id, row.urgency] as const] : [])));
  const updated = rows.map((row, index): SeenThread => {
    const previous = known[index];
    const other = lower(row.from.email);
    const fromUser = options.sentView === true || user.has(other);
    const lastAt = timeOf(row.date, now);
    const urgency =
      options.urgencies?.get(row.id) ?? cached.get(row.id) ?? triage(row, options.context).urgency;
    const participants = other && !user.has(other) ? [other] : [];
    const base = { subject: row.subject, unread: row.unread ?? false, urgency, seenAt: now, rowId: row.id };
    if (previous && previous.lastAt >= lastAt) {
      return {
        ...previous,
        ...base,
        participants: [...new Set([...previous.participants, ...participants])],
      };
    }
    const asks = asksSomething(row.snippet);
    const lastFrom = options.sentView ? [...user][0] : other;
    return {
      id: keyOf(row),
      participants: [...new Set([...(previous?.participants ?? []), ...participants])],
      names: { ...previous?.names, ...(other && row.from.name ? { [other]: row.from.name } : {}) },
      lastAt,
      ...(lastFrom ? { lastFrom } : {}),
      lastFromUser: fromUser,
      asksUser: !fromUser && asks,
      awaitingThem: fromUser && asks,
      ...base,
    };
  });
  await db.threads.bulkPut(updated.map(withOwedAt));
}

export async function recordOpenedThread(
  db: BrodyDatabase,
  thread: ThreadSummaryRequest,
  options: RecordOptions,
): Promise<SeenThread | null> {
  const now = options.now ?? Date.now();
  const user = new Set(options.userEmails.map(lower));
  const last = thread.messages.at(-1);
  if (!last) return null;
  const names: Record<string, string> = {};
  const people = new Set<string>();
  for (const message of thread.messages) {
    for (const address of [message.from, ...message.to]) {
      const email = lower(address.email);
      if (!email || user.has(email)) continue;
      people.add(email);
      if (address.name) names[email] = address.name;
    }
  }
  const previous = await db.threads.get(thread.threadId);
  const lastFrom = lower(last.from.email);
  const lastFromUser = user.has(lastFrom);
  const asks = asksSomething(last.text);
  const seen: SeenThread = withOwedAt({
    ...previous,
    id: thread.threadId,
    subject: thread.subject || previous?.subject || '',
    participants: [...new Set([...(previous?.participants ?? []), ...people])],
    names: { ...previous?.names, ...names },
    lastAt: timeOf(last.date, now),
    ...(lastFrom ? { lastFrom } : {}),
    lastFromUser,
    asksUser: !lastFromUser && asks,
    awaitingThem: lastFromUser && asks,
    unread: false,
    seenAt: now,
  });
  await db.threads.put(seen);
  return seen;
}
