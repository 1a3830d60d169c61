import { and, eq, sql } from 'drizzle-orm';
import type { TokenUsage } from '../ai/usage';
import type { Database } from '../db/database';
import { forgivableWrite } from '../db/savepoint';
import { aiUsage } from '../db/schema';

/** Budgets run per UTC day, so every server and every client agrees when "today" ends. */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Seconds until the budget resets (next midnight UTC); at least 1. */
export function secondsUntilReset(now: Date = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

export async function tokensSpentToday(db: Database, userId: string, now?: Date): Promise<number> {
  const rows = await db
    .select({ prompt: aiUsage.promptTokens, completion: aiUsage.completionTokens })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), eq(aiUsage.day, utcDay(now))));
  const row = rows[0];
  return row === undefined ? 0 : Number(row.prompt) + Number(row.completion);
}

/**
 * Adds a call's tokens in one upsert: concurrent requests of the same user each add their own
 * share instead of overwriting each other's (no read-modify-write).
 */
export async function recordUsage(
  db: Database,
  userId: string,
  usage: TokenUsage,
  calls: number,
  now?: Date,
): Promise<void> {
  if (calls === 0 && usage.promptTokens === 0 && usage.completionTokens === 0) return;
  await forgivableWrite(db, async (db) => {
    await db
      .insert(aiUsage)
      .values({
        userId,
        day: utcDay(now),
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        calls,
      })
      .onConflictDoUpdate({
        target: [aiUsage.userId, aiUsage.day],
        set: {
          promptTokens: sql`${aiUsage.promptTokens} + excluded.prompt_tokens`,
          completionTokens: sql`${aiUsage.completionTokens} + excluded.completion_tokens`,
          calls: sql`${aiUsage.calls} + excluded.calls`,
        },
      });
  });
}
