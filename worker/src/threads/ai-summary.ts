import {
  type AiStatus,
  type MessageSummary,
  ThreadSummary,
  type ThreadSummaryRequest,
} from '../../../shared/schemas';
import { AiOutputError, AiUnavailableError } from '../ai/errors';
import { PROMPT_VERSION } from '../ai/prompts';
import type { AiProvider } from '../ai/provider';
import type { AiSettings } from '../ai/settings';
import { summarizeThread } from '../ai/summarize';
import { emptyUsage } from '../ai/usage';
import { readAiCache, writeAiCache } from '../cache/ai-cache';
import { type AiMemo, memoKey } from '../cache/ai-memo';
import type { Database } from '../db/database';
import { ApiFailure } from '../http/api-failure';
import { AiCallFailure } from '../triage/ai-call-failure';
import { recordUsage, tokensSpentToday } from '../usage/daily-budget';
import { threadContentKey } from './thread-key';

export interface AiSummaryDeps {
  db: Database;
  userId: string;
  provider: AiProvider;
  settings: AiSettings;
  reportError: (error: unknown) => void;
  memo: AiMemo;
}

/** Thrown when today's tokens are spent; the route turns it into 429 with Retry-After. */
export class BudgetExceeded extends ApiFailure {
  constructor(dailyTokens: number) {
    super('budget_exceeded', `Today's AI budget of ${dailyTokens} tokens is spent; resets at midnight UTC`);
  }
}

const SUSPICIOUS_NOTE = 'contains instructions aimed at an AI; treated as text';

function asMessages(request: ThreadSummaryRequest): MessageSummary[] {
  return request.messages.map((message) => ({
    id: message.id,
    from: message.from,
    to: message.to,
    cc: [],
    subject: request.subject,
    snippet: '',
    body: message.text,
    date: message.date,
    labels: [],
    headers: {},
    attachments: 0,
  }));
}

export type AiSummaryOutcome =
  | { kind: 'ai'; summary: ThreadSummary }
  | { kind: 'fallback'; aiStatus: Extract<AiStatus, 'unavailable' | 'invalid_output'> };

/**
 * A model summary of the thread, from the cache when the thread has not changed. Model failures
 * come back as a fallback status (the caller answers with the rules summary); an exhausted budget
 * throws BudgetExceeded because the user asked for AI explicitly and should be told why not.
 */
export async function summarizeWithAi(
  request: ThreadSummaryRequest,
  rulesSuspicious: boolean,
  deps: AiSummaryDeps,
): Promise<AiSummaryOutcome> {
  const { provider } = deps;
  const key = await threadContentKey(deps.userId, request, provider.model, PROMPT_VERSION);
  const memoized = memoKey(deps.userId, 'summary', key);
  const fromStore = (value: unknown): AiSummaryOutcome | null => {
    const stored = value === undefined || value === null ? undefined : ThreadSummary.safeParse(value);
    return stored?.success ? { kind: 'ai', summary: { ...stored.data, at: new Date().toISOString() } } : null;
  };
  const cached = (await readAiCache(deps.db, deps.userId, 'summary', [key])).get(key);
  const hit = fromStore(cached) ?? fromStore(deps.memo.get(memoized));
  if (hit) return hit;
  const pending = deps.memo.pending(memoized);
  if (pending) {
    // The same thread is being summarised for another request: its answer, not a second model call.
    const shared = fromStore(await pending);
    if (shared) return shared;
  }
  const settle = deps.memo.claim([memoized]);
  let answer: ThreadSummary | undefined;
  try {
    const outcome = await summarizeFresh(request, rulesSuspicious, deps, key);
    if (outcome.kind === 'ai') answer = outcome.summary;
    return outcome;
  } finally {
    settle(new Map([[memoized, answer]]));
  }
}

async function summarizeFresh(
  request: ThreadSummaryRequest,
  rulesSuspicious: boolean,
  deps: AiSummaryDeps,
  key: string,
): Promise<AiSummaryOutcome> {
  const { provider } = deps;

  if ((await tokensSpentToday(deps.db, deps.userId)) >= deps.settings.dailyTokenBudget) {
    throw new BudgetExceeded(deps.settings.dailyTokenBudget);
  }

  let result: Awaited<ReturnType<typeof summarizeThread>>;
  try {
    result = await summarizeThread(provider, asMessages(request), {
      userEmails: request.userEmails,
      now: request.now,
      signal: AbortSignal.timeout(deps.settings.requestBudgetMs),
    });
  } catch (error) {
    if (!(error instanceof AiOutputError || error instanceof AiUnavailableError)) throw error;
    const spent = error instanceof AiOutputError ? error.usage : (error.details.usage ?? emptyUsage());
    await recordUsage(deps.db, deps.userId, spent, 1);
    deps.reportError(AiCallFailure.from('summary', error, request.messages.length));
    return { kind: 'fallback', aiStatus: error instanceof AiOutputError ? 'invalid_output' : 'unavailable' };
  }
  try {
    await recordUsage(deps.db, deps.userId, result.usage, 1);
  } catch (error) {
    deps.reportError(error);
  }

  const suspicious = result.suspicious || rulesSuspicious;
  const notes = [
    ...(result.omitted > 0 ? [`${result.omitted} earlier messages left out for length`] : []),
    ...(suspicious ? [SUSPICIOUS_NOTE] : []),
  ];
  const summary = ThreadSummary.parse({
    threadId: request.threadId,
    summary: result.summary.summary,
    keyPoints: result.summary.keyPoints,
    actionItems: result.summary.actionItems,
    source: 'ai',
    engine: result.model,
    aiStatus: 'ok',
    suspicious,
    notes,
    messageCount: request.messages.length,
    at: new Date().toISOString(),
  } satisfies ThreadSummary);
  try {
    await writeAiCache(deps.db, deps.userId, 'summary', provider.model, PROMPT_VERSION, [
      { contentKey: key, result: summary },
    ]);
  } catch (error) {
    // Paid for: kept in memory when the database would not take it, so it is not bought again.
    deps.reportError(error);
    deps.memo.remember(memoKey(deps.userId, 'summary', key), summary);
  }
  return { kind: 'ai', summary };
}
