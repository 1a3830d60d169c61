/**
 * Serves one content script's triage port: answers each batch from the Dexie cache at once and runs
 * the local rule engine on the rest here, in the service worker, so none of that work lands on the
 * Gmail page's main thread; then asks the API for whatever the cache could not answer and posts
 * those results when they come. Only the API calls wait for one another: a slow API never holds
 * back the next batch's local answers.
 * The user's learned rules for the batch's senders and the AI switch travel with every API call, and
 * both are part of the cache key, so a correction or flipping AI on never serves an old verdict.
 */
import type {
  LearnedRule,
  MessageSummary,
  TriageContextInput,
  TriageResult,
  Urgency,
} from '../../shared/schemas';
import { triageMany } from '../../shared/triage';
import { type PortReply, TriageBatchMessage } from '../platform/messages';
import { ruleFingerprint, senderOf } from '../platform/rule-fingerprint';
import { textHash } from '../platform/text-hash';
import { type ApiClient, ApiClientError } from './api-client';
import { type BrodyDatabase, getFreshCached, storeResults } from './db';
import type { RulesService } from './rules-handlers';

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
  /** Learned rules sent as `context.rules`; absent → none. */
  rules?: Pick<RulesService, 'forSenders'>;
  /** The user's AI switch; absent → rules only. */
  aiEnabled?: () => Promise<boolean>;
  /** Whether mail content may go to the API at all (see privacy.ts); absent → yes. */
  maySendMail?: () => Promise<boolean>;
  /**
   * Sees every valid batch's rows (people and threads are remembered from them), with the urgency
   * each was just given here (cache or rules), so they are not triaged a second time.
   */
  onRows?: (rows: readonly MessageSummary[], urgencies: ReadonlyMap<string, Urgency>) => void;
  /** Told of each stored batch with the summaries it came from (urgent-mail notifications). */
  onStored?: (results: readonly TriageResult[], messages: readonly MessageSummary[]) => void;
}

/** Hash of everything triage reads from a summary; a different hash means the cached result is stale. */
export function summaryHash(summary: MessageSummary): string {
  return textHash(JSON.stringify(summary));
}

/** The cache key of one message under the given rules and AI switch. */
export function cacheHash(summary: MessageSummary, rules: readonly LearnedRule[], ai: boolean): string {
  return textHash(
    `${JSON.stringify(summary)}\u0000${ruleFingerprint(rules, summary)}\u0000${ai ? 'ai' : 'rules'}`,
  );
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
    const local = answerLocally(batch, deps, post);
    queue = queue
      .then(async () => {
        const rest = await local;
        if (rest && !lifetime.signal.aborted) await askApi(batch.batch, rest, deps, post, lifetime.signal);
      })
      .catch(() => undefined);
  });
}

/** What the cache could not answer, with what the API call for it needs. */
interface Unanswered {
  missing: MessageSummary[];
  rules: LearnedRule[];
  ai: boolean;
  context: Partial<TriageContextInput>;
  hashes: Map<string, string>;
}

/** Posts the cached results and the rule engine's verdicts for the rest; returns the rest. */
async function answerLocally(
  batch: TriageBatchMessage,
  deps: TriagePortDeps,
  post: (message: PortReply) => void,
): Promise<Unanswered | null> {
  const senders = new Set(batch.messages.map(senderOf).filter((sender) => sender !== ''));
  const [rules, ai, context] = await Promise.all([
    deps.rules?.forSenders(senders) ?? [],
    deps.aiEnabled?.() ?? false,
    deps.context(),
  ]);
  const hashes = new Map(batch.messages.map((message) => [message.id, cacheHash(message, rules, ai)]));
  const cached = await getFreshCached(
    deps.db,
    [...hashes].map(([id, contentHash]) => ({ id, contentHash })),
  );
  if (cached.size > 0)
    post({ type: 'triage-results', batch: batch.batch, origin: 'cache', results: [...cached.values()] });
  const missing = batch.messages.filter((message) => !cached.has(message.id));
  const local = missing.length > 0 ? triageMany(missing, { ...context, rules }) : [];
  if (local.length > 0) post({ type: 'triage-results', batch: batch.batch, origin: 'rules', results: local });
  deps.onRows?.(
    batch.messages,
    new Map([...cached.values(), ...local].map((result) => [result.id, result.urgency])),
  );
  return missing.length > 0 ? { missing, rules, ai, context, hashes } : null;
}

async function askApi(
  batch: number,
  { missing, rules, ai, context, hashes }: Unanswered,
  deps: TriagePortDeps,
  post: (message: PortReply) => void,
  signal: AbortSignal,
): Promise<void> {
  // The page already shows the rule engine's verdicts; they stand when mail may not leave.
  if (!((await deps.maySendMail?.()) ?? true)) return;
  try {
    const response = await deps.api.triage({ messages: missing, context: { ...context, rules }, ai }, signal);
    const wanted = new Set(missing.map((message) => message.id));
    const results: TriageResult[] = response.results.filter((result) => wanted.has(result.id));
    // With AI on, a rules-only answer (model down, budget spent) is not kept: the next visit tries again.
    const keep = !ai || response.aiStatus === 'ok';
    if (keep)
      await storeResults(
        deps.db,
        results.map((result) => ({ result, contentHash: hashes.get(result.id) ?? '' })),
      );
    if (keep) deps.onStored?.(results, missing);
    post({ type: 'triage-results', batch, origin: 'server', results, aiStatus: response.aiStatus });
  } catch (error) {
    const failure =
      error instanceof ApiClientError
        ? error
        : new ApiClientError('internal', 'triage failed in the background');
    post({ type: 'triage-error', batch, error: failure.toJSON() });
  }
}
