import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { forgivableWrite } from '../db/savepoint';
import { aiCache } from '../db/schema';

export type AiCacheKind = 'triage' | 'summary' | 'brief';

export interface AiCacheEntry {
  contentKey: string;
  result: unknown;
}

/** One query for the whole batch, whatever its size (the index is the primary key). */
export async function readAiCache(
  db: Database,
  userId: string,
  kind: AiCacheKind,
  keys: readonly string[],
): Promise<Map<string, unknown>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ contentKey: aiCache.contentKey, result: aiCache.result })
    .from(aiCache)
    .where(and(eq(aiCache.userId, userId), eq(aiCache.kind, kind), inArray(aiCache.contentKey, unique)));
  return new Map(rows.map((row) => [row.contentKey, row.result]));
}

/** First answer wins: a concurrent request that paid for the same content keeps its row. */
export async function writeAiCache(
  db: Database,
  userId: string,
  kind: AiCacheKind,
  model: string,
  promptVersion: string,
  entries: readonly AiCacheEntry[],
): Promise<void> {
  const byKey = new Map(entries.map((entry) => [entry.contentKey, entry]));
  if (byKey.size === 0) return;
  await forgivableWrite(db, async (db) => {
    await db
      .insert(aiCache)
      .values(
        [...byKey.values()].map((entry) => ({
          userId,
          kind,
          contentKey: entry.contentKey,
          model,
          promptVersion,
          result: entry.result,
        })),
      )
      .onConflictDoNothing();
  });
}
