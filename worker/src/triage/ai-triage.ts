import type { AiStatus, MessageSummary, TriageRequest, TriageResult } from '../../../shared/schemas';
import { contentKey, triageWithAi } from '../ai/batch';
import { AiUnavailableError } from '../ai/errors';
import { PROMPT_VERSION } from '../ai/prompts';
import type { AiProvider } from '../ai/provider';
import { AiTriageItem } from '../ai/schemas';
import type { AiSettings } from '../ai/settings';
import { readAiCache, writeAiCache } from '../cache/ai-cache';
import { type AiMemo, memoKey } from '../cache/ai-memo';
import type { Database } from '../db/database';
import { recordUsage, tokensSpentToday } from '../usage/daily-budget';
import { AiCallFailure } from './ai-call-failure';
import { applyLearnedRulesIfAny } from './learned-rules';
import { mergeAiResult } from './merge-ai-result';

export interface AiTriageDeps {
  db: Database;
  userId: string;
  provider: AiProvider | null;
  settings: AiSettings;
  reportError: (error: unknown) => void;
  memo: AiMemo;
}

export interface AiTriageOutcome {
  /** In request order, one per message: the model's verdict where there is one, the rules' otherwise. */
  results: TriageResult[];
  aiStatus: AiStatus;
  /** Messages answered from ai_cache. */
  cacheHits: number;
  /** Distinct contents sent to the model in this request. */
  sentToModel: number;
}

/**
 * Puts the model's judgement over rule results that already exist for every message. Failures of any
 * kind fall back on those rule results and show up in `aiStatus`; they never fail the request.
 */
export async function layerAiOnRules(
  request: TriageRequest,
  ruleResults: readonly TriageResult[],
  deps: AiTriageDeps,
): Promise<AiTriageOutcome> {
  const unchanged = (aiStatus: AiStatus): AiTriageOutcome => ({
    results: [...ruleResults],
    aiStatus,
    cacheHits: 0,
    sentToModel: 0,
  });
  if (!request.ai) return unchanged('off');
  const { provider } = deps;
  if (provider === null) return unchanged('unconfigured');

  const { messages } = request;
  const keys = await Promise.all(
    messages.map((message) => contentKey(deps.userId, message, provider.model, PROMPT_VERSION)),
  );
  const answers = new Map<string, AiTriageItem>();
  const accept = (key: string, value: unknown) => {
    // A row that no longer fits the shape (older code, manual edit) is asked again, not served.
    const parsed = AiTriageItem.safeParse(value);
    if (parsed.success) answers.set(key, parsed.data);
  };
  for (const [key, stored] of await readAiCache(deps.db, deps.userId, 'triage', keys)) accept(key, stored);
  for (const key of keys) {
    if (!answers.has(key)) accept(key, deps.memo.get(memoKey(deps.userId, 'triage', key)));
  }
  const cacheHits = keys.filter((key) => answers.has(key)).length;

  // The same content twice in one batch is sent once; content another request is asking about is
  // waited for, not asked again.
  const missing = new Map<string, MessageSummary>();
  const waiting = new Map<string, Promise<unknown>>();
  messages.forEach((message, index) => {
    const key = keys[index];
    if (key === undefined || answers.has(key) || missing.has(key) || waiting.has(key)) return;
    const pending = deps.memo.pending(memoKey(deps.userId, 'triage', key));
    if (pending) waiting.set(key, pending);
    else missing.set(key, message);
  });

  let aiStatus: AiStatus = 'ok';
  if (missing.size > 0) {
    const memoKeys = [...missing.keys()].map((key) => memoKey(deps.userId, 'triage', key));
    const settle = deps.memo.claim(memoKeys);
    try {
      const spent = await tokensSpentToday(deps.db, deps.userId);
      if (spent >= deps.settings.dailyTokenBudget) aiStatus = 'budget_exceeded';
      else aiStatus = await askModel(provider, [...missing], request, deps, answers);
    } catch (error) {
      // A bug or a database hiccup on the AI path must not cost the user their rule badges.
      deps.reportError(AiCallFailure.from('triage', error, missing.size));
      aiStatus = 'unavailable';
    } finally {
      settle(
        new Map([...missing.keys()].map((key) => [memoKey(deps.userId, 'triage', key), answers.get(key)])),
      );
    }
  }
  for (const [key, pending] of waiting) accept(key, await pending);

  const at = new Date().toISOString();
  const rules = request.context?.rules;
  const results = ruleResults.map((ruleResult, index) => {
    const key = keys[index];
    const message = messages[index];
    const answer = key === undefined ? undefined : answers.get(key);
    if (answer === undefined || message === undefined) return ruleResult;
    const merged = mergeAiResult(ruleResult, answer, provider.model, at);
    // Learned corrections win over the model as they win over the rules.
    return applyLearnedRulesIfAny(merged, message, rules, request.context?.now);
  });
  return { results, aiStatus, cacheHits, sentToModel: missing.size };
}

async function askModel(
  provider: AiProvider,
  missing: [string, MessageSummary][],
  request: TriageRequest,
  deps: AiTriageDeps,
  answers: Map<string, AiTriageItem>,
): Promise<AiStatus> {
  const { batchSize, concurrency } = deps.settings;
  // Inside this call a message's id is its content key: two ids with one content share an answer.
  const byKey = missing.map(([key, message]) => ({ ...message, id: key }));
  const outcome = await triageWithAi(provider, byKey, {
    batchSize,
    concurrency,
    userEmails: request.context?.userEmails ?? [],
    now: request.context?.now,
    signal: AbortSignal.timeout(deps.settings.requestBudgetMs),
  });
  const fresh: { contentKey: string; result: AiTriageItem }[] = [];
  let dropped = 0;
  for (const [key, item] of outcome.results) {
    if (item === null) {
      dropped += 1;
      continue;
    }
    answers.set(key, item);
    fresh.push({ contentKey: key, result: item });
  }
  try {
    await recordUsage(deps.db, deps.userId, outcome.usage, Math.ceil(byKey.length / batchSize));
  } catch (error) {
    // The answers are here and paid for; losing the tally must not lose them too.
    deps.reportError(error);
  }
  try {
    await writeAiCache(deps.db, deps.userId, 'triage', provider.model, outcome.promptVersion, fresh);
  } catch (error) {
    // Paid for: an answer the database would not keep is kept here, so it is never bought again.
    deps.reportError(error);
    for (const entry of fresh)
      deps.memo.remember(memoKey(deps.userId, 'triage', entry.contentKey), entry.result);
  }

  for (const failure of outcome.failures) {
    deps.reportError(AiCallFailure.from('triage', failure.error, failure.ids.length));
  }
  if (outcome.failures.some((failure) => failure.error instanceof AiUnavailableError)) return 'unavailable';
  return dropped > 0 ? 'invalid_output' : 'ok';
}
