/**
 * Serves one content script's triage port: answers each batch from the Dexie cache at once, then
 * asks the API for whatever the cache could not answer and posts those results when they come.
 */
import type { MessageSummary, TriageContextInput, TriageResult } from '../../shared/schemas';
import { type PortReply, TriageBatchMessage } from '../platform/messages';
import { textHash } from '../platform/text-hash';
import { type ApiClient, ApiClientError } from './api-client';
import { type BrodyDatabase, getFreshCached, storeResults } from './db';

/** The slice of a runtime port this module uses, so tests can drive it without a browser. */
export interface TriagePort {
  postMessage(message: PortReply): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface TriagePortDeps {
  db: BrodyDatabase;
  api: ApiClient;
  context: () => Promise<Partial<TriageContextInput>>;
}

/** Hash of everything triage reads from a summary; a different hash means the cached result is stale. */
export function summaryHash(summary: MessageSummary): string {
  return textHash(JSON.stringify(summary));
}

export function serveTriagePort(port: TriagePort, deps: TriagePortDeps): void {
  const lifetime = new AbortController();
  // One batch at a time per tab: keeps the API and two-core machines from being flooded.
  let queue: Promise<void> = Promise.resolve();

  const post = (message: PortReply): void => {
    if (lifetime.signal.aborted) return;
    try {
      port.postMessage(message);
    } catch {
      lifetime.abort();
    }
  };

  port.onDisconnect.addListener(() => lifetime.abort());
  port.onMessage.addListener((raw) => {
    const parsed = TriageBatchMessage.safeParse(raw);
    if (!parsed.success) {
      // A malformed message means a broken or forged peer: stop talking to it.
      lifetime.abort();
      port.disconnect();
      return;
    }
    const batch = parsed.data;
    queue = queue.then(() => answerBatch(batch, deps, post, lifetime.signal)).catch(() => undefined);
  });
}

async function answerBatch(
  batch: TriageBatchMessage,
  deps: TriagePortDeps,
  post: (message: PortReply) => void,
  signal: AbortSignal,
): Promise<void> {
  const hashes = new Map(batch.messages.map((message) => [message.id, summaryHash(message)]));
  const cached = await getFreshCached(
    deps.db,
    [...hashes].map(([id, contentHash]) => ({ id, contentHash })),
  );
  if (cached.size > 0)
    post({ type: 'triage-results', batch: batch.batch, origin: 'cache', results: [...cached.values()] });

  const missing = batch.messages.filter((message) => !cached.has(message.id));
  if (missing.length === 0 || signal.aborted) return;
  try {
    const response = await deps.api.triage({ messages: missing, context: await deps.context() }, signal);
    const wanted = new Set(missing.map((message) => message.id));
    const results: TriageResult[] = response.results.filter((result) => wanted.has(result.id));
    await storeResults(
      deps.db,
      results.map((result) => ({ result, contentHash: hashes.get(result.id) ?? '' })),
    );
    post({ type: 'triage-results', batch: batch.batch, origin: 'server', results });
  } catch (error) {
    const failure =
      error instanceof ApiClientError
        ? error
        : new ApiClientError('internal', 'triage failed in the background');
    post({ type: 'triage-error', batch: batch.batch, error: failure.toJSON() });
  }
}
