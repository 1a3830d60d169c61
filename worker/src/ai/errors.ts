import { emptyUsage, type TokenUsage } from './usage';

/** Why a model reply could not be used even though the provider answered. */
export type AiOutputFailure = 'malformed' | 'shape' | 'refusal' | 'truncated' | 'filtered' | 'empty';

/** The provider answered, but not with something we can use (after one retry). */
export class AiOutputError extends Error {
  override readonly name = 'AiOutputError';
  constructor(
    readonly kind: AiOutputFailure,
    message: string,
    readonly attempts = 1,
    /** Unusable replies still cost tokens; budgets must count them. */
    readonly usage: TokenUsage = emptyUsage(),
  ) {
    super(message);
  }
}

export type AiUnavailableReason = 'timeout' | 'rate-limited' | 'server' | 'network' | 'rejected' | 'aborted';

/** The provider could not be reached or kept refusing service; callers fall back on rules. */
export class AiUnavailableError extends Error {
  override readonly name = 'AiUnavailableError';
  constructor(
    readonly reason: AiUnavailableReason,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; attempts: number; usage?: TokenUsage } = {
      attempts: 1,
    },
  ) {
    super(message);
  }
}
