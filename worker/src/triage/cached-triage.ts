import { and, eq, inArray, sql } from 'drizzle-orm';
import { type MessageSummary, type TriageRequest, TriageResult } from '../../../shared/schemas';
import type { Database } from '../db/database';
import { forgivableWrite } from '../db/savepoint';
import { triageResults } from '../db/schema';
import { triageContentHash } from './content-hash';
import type { TriageEngine } from './engine';

export interface CachedTriageOutcome {
  /** In request order, one per message not listed in `failed`. */
  results: TriageResult[];
  /** Messages answered from the database. */
  hits: number;
  /** Messages the engine judged in this call. */
  misses: number;
  /** Indexes (in the request) of messages the engine failed on; the rest of the batch is answered. */
  failed: number[];
}

/**
 * Answers a batch from the user's stored results where the content is unchanged and runs the engine
 * only for the rest: one read for the whole batch, one upsert for what was computed. Used for
 * requests that ask for AI, whose stored verdicts are the record of what the user was shown.
 */
export async function triageWithCache(
  db: Database,
  userId: string,
  request: TriageRequest,
  engine: TriageEngine,
  reportError: (error: unknown) => void,
): Promise<CachedTriageOutcome> {
  const { messages, context } = request;
  const hashes = await Promise.all(
    messages.map((message) => triageContentHash(message, context, engine.version)),
  );
  const ids = [...new Set(messages.map((message) => message.id))];
  const stored = await db
    .select({
      messageId: triageResults.messageId,
      contentHash: triageResults.contentHash,
      result: triageResults.result,
    })
    .from(triageResults)
    .where(and(eq(triageResults.userId, userId), inArray(triageResults.messageId, ids)));
  const storedById = new Map(stored.map((row) => [row.messageId, row]));

  const results: (TriageResult | undefined)[] = messages.map((message, index) => {
    const row = storedById.get(message.id);
    if (row === undefined || row.contentHash !== hashes[index]) return undefined;
    // A row that no longer fits the contract (older engine, manual edit) is recomputed, not served.
    const parsed = TriageResult.safeParse(row.result);
    return parsed.success ? parsed.data : undefined;
  });

  const missIndexes = results.flatMap((result, index) => (result === undefined ? [index] : []));
  const failed: number[] = [];
  if (missIndexes.length > 0) {
    const computed = await judge(engine, missIndexes, messages, context);
    missIndexes.forEach((messageIndex, computedIndex) => {
      const result = computed[computedIndex];
      if (result === undefined) failed.push(messageIndex);
      else results[messageIndex] = result;
    });
    if (failed.length === messages.length) throw computed.error;
    try {
      await forgivableWrite(db, (tx) => storeResults(tx, userId, missIndexes, messages, hashes, results));
    } catch (error) {
      // The verdicts are computed and valid; a failed write costs only a recomputation next time.
      reportError(error);
    }
  }

  return {
    results: results.filter((result): result is TriageResult => result !== undefined),
    hits: messages.length - missIndexes.length,
    misses: missIndexes.length,
    failed,
  };
}

/**
 * Rules only, straight from the engine: for these, hashing and a database read cost several times
 * what judging again does (tests/bench/api.ts), and a miss adds a write on top.
 */
export async function triageWithoutCache(
  request: TriageRequest,
  engine: TriageEngine,
): Promise<CachedTriageOutcome> {
  const { messages, context } = request;
  const indexes = messages.map((_, index) => index);
  const computed = await judge(engine, indexes, messages, context);
  const failed = indexes.filter((index) => computed[index] === undefined);
  if (failed.length === messages.length) throw computed.error;
  return {
    results: computed.filter((result): result is TriageResult => result !== undefined),
    hits: 0,
    misses: messages.length,
    failed,
  };
}

/**
 * The whole batch in one engine call; when that throws, message by message, so one mail the engine
 * cannot handle leaves the others answered. The engine's output is checked against the contract.
 */
async function judge(
  engine: TriageEngine,
  indexes: number[],
  messages: MessageSummary[],
  context: TriageRequest['context'],
): Promise<(TriageResult | undefined)[] & { error?: unknown }> {
  const missing = indexes.map((index) => messages[index]).filter((m): m is MessageSummary => !!m);
  const run = async (batch: MessageSummary[]) => {
    const computed = (await engine.triageMany(batch, context)).map((result) => TriageResult.parse(result));
    if (computed.length !== batch.length) {
      throw new Error(`Triage engine returned ${computed.length} results for ${batch.length} messages`);
    }
    return computed;
  };
  try {
    return await run(missing);
  } catch (batchError) {
    const one: (TriageResult | undefined)[] & { error?: unknown } = [];
    one.error = batchError;
    for (const message of missing) {
      try {
        one.push((await run([message]))[0]);
      } catch {
        one.push(undefined);
      }
    }
    return one;
  }
}

async function storeResults(
  db: Database,
  userId: string,
  indexes: number[],
  messages: MessageSummary[],
  hashes: string[],
  results: (TriageResult | undefined)[],
): Promise<void> {
  // One INSERT may not touch a key twice, so a message id repeated in the batch keeps its last version.
  const rowsById = new Map<string, typeof triageResults.$inferInsert>();
  for (const index of indexes) {
    const message = messages[index];
    const hash = hashes[index];
    const result = results[index];
    if (message === undefined || hash === undefined || result === undefined) continue;
    rowsById.set(message.id, {
      userId,
      messageId: message.id,
      contentHash: hash,
      result,
      source: result.source,
      engine: result.engine,
    });
  }
  if (rowsById.size === 0) return;
  await db
    .insert(triageResults)
    .values([...rowsById.values()])
    .onConflictDoUpdate({
      target: [triageResults.userId, triageResults.messageId],
      set: {
        contentHash: sql`excluded.content_hash`,
        result: sql`excluded.result`,
        source: sql`excluded.source`,
        engine: sql`excluded.engine`,
        updatedAt: sql`now()`,
      },
    });
}
