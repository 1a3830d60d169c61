import { LIMITS } from '../../../shared/limits';
import type { Env } from '../env';
import { TRIAGE_DEFAULTS } from './batch';
import { AiProvider } from './provider';

/** How the API spends model calls; the provider itself (or null) is a separate dependency. */
export interface AiSettings {
  /** Reported by GET /v1/ai even when no provider is configured. */
  model: string;
  /** Tokens one user may spend per UTC day. */
  dailyTokenBudget: number;
  /** Mails per model call. */
  batchSize: number;
  /** Model calls in flight per request (the provider also caps them per process). */
  concurrency: number;
  /** All model work of one request, queueing included, ends by this; then rules answer. */
  requestBudgetMs: number;
}

export const DEFAULT_AI_SETTINGS: AiSettings = {
  model: 'gpt-4o-mini',
  dailyTokenBudget: 200_000,
  batchSize: TRIAGE_DEFAULTS.batchSize,
  concurrency: TRIAGE_DEFAULTS.concurrency,
  requestBudgetMs: LIMITS.aiRequestBudgetMs,
};

export function aiSettingsFromEnv(env: Env): AiSettings {
  return {
    model: env.AI_MODEL,
    dailyTokenBudget: env.AI_DAILY_TOKEN_BUDGET,
    batchSize: env.AI_BATCH_SIZE,
    concurrency: env.AI_CONCURRENCY,
    requestBudgetMs: LIMITS.aiRequestBudgetMs,
  };
}

/** No key, no provider: the API then answers with rules and says 'unconfigured'. */
export function aiProviderFromEnv(env: Env): AiProvider | null {
  if (env.OPENAI_API_KEY === undefined) return null;
  return new AiProvider({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.AI_MODEL,
    // One call never outlasts the request's whole budget.
    timeoutMs: Math.min(env.AI_TIMEOUT_MS, LIMITS.aiRequestBudgetMs),
    maxRetries: 2,
    concurrency: env.AI_CONCURRENCY,
  });
}
