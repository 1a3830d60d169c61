/** Threads by person and the replies owed either way, read from what Gmail pages have shown. */
import type { ReplyOwed, SeenThread } from '../../../shared/day/model';
import type { BrodyDatabase } from '../db';

const newestFirst = (a: SeenThread, b: SeenThread) => b.lastAt - a.lastAt;

async function withAny(db: BrodyDatabase, emails: readonly string[]): Promise<SeenThread[]> {
  const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (wanted.length === 0) return [];
  // anyOf on a multi-entry index yields a thread once per matching address.
  const rows = await db.threads.where('participants').anyOf(wanted).distinct().toArray();
  return rows.sort(newestFirst);
}

/** The newest `limit` threads that any of `emails` took part in. */
export async function threadsWith(
  db: BrodyDatabase,
  emails: readonly string[],
  limit = 5,
): Promise<SeenThread[]> {
  return (await withAny(db, emails)).slice(0, limit);
}

/** Threads where the user owes an answer, and threads where the user is waiting for one. */
export async function repliesOwed(
  db: BrodyDatabase,
  filter: { emails?: readonly string[] } = {},
): Promise<ReplyOwed[]> {
  const threads = filter.emails
    ? await withAny(db, filter.emails)
    : // Only owed threads carry owedAt (withOwedAt), so the index holds exactly them, oldest first.
      (await db.threads.orderBy('owedAt').toArray()).reverse();
  return threads.flatMap((thread): ReplyOwed[] =>
    thread.asksUser
      ? [{ thread, direction: 'you_owe' }]
      : thread.awaitingThem
        ? [{ thread, direction: 'they_owe' }]
        : [],
  );
}

/**
 * People the user writes to (threads whose newest message is the user's, the Sent view's rows): the
 * engine lifts their mail. Read at most once a minute, since every triage batch asks.
 */
export function correspondents(db: BrodyDatabase, maxAgeMs = 60_000, max = 2_000) {
  let cached: { at: number; emails: string[] } | null = null;
  return async (now = Date.now()): Promise<string[]> => {
    if (cached && now - cached.at < maxAgeMs) return cached.emails;
    const written = await db.threads.filter((thread) => thread.lastFromUser).toArray();
    const emails = [...new Set(written.sort(newestFirst).flatMap((thread) => thread.participants))].slice(
      0,
      max,
    );
    cached = { at: now, emails };
    return emails;
  };
}
