import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { retryAfterMs } from './backoff';
import type { AiUnavailableReason } from './errors';

/** What went wrong on the way to the model, and whether waiting could help. */
export interface TransportFailure {
  reason: AiUnavailableReason;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  message: string;
}

export function classify(error: unknown, timedOut: boolean, callerAborted: boolean): TransportFailure {
  if (callerAborted) return { reason: 'aborted', retryable: false, message: 'request aborted by caller' };
  // A model that timed out was probably working, and billing, all along: another try is another
  // paid call for the same batch, and the caller's deadline is better spent on the rules fallback.
  if (timedOut || error instanceof APIConnectionTimeoutError) {
    return { reason: 'timeout', retryable: false, message: 'model request timed out' };
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const wait = retryAfterMs(error.headers);
    // An exhausted quota does not come back by waiting.
    if (status === 429 && error.code !== 'insufficient_quota') {
      return { reason: 'rate-limited', retryable: true, status, retryAfterMs: wait, message: error.message };
    }
    if (status >= 500 || status === 408 || status === 409) {
      return { reason: 'server', retryable: true, status, retryAfterMs: wait, message: error.message };
    }
    return { reason: 'rejected', retryable: false, status, message: error.message };
  }
  if (error instanceof APIUserAbortError)
    return { reason: 'timeout', retryable: false, message: 'request aborted' };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'network', retryable: true, message };
}

/** Carries a classified failure out of the concurrency gate to the retry loop. */
export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
  }
}
