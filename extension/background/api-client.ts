/**
 * The background's client for the Brody API, through Hono's typed client so the compiler checks
 * paths and bodies against the worker's routes. Every call has a timeout; network errors, 5xx and 429
 * are retried with exponential backoff (429/503 honour Retry-After); every failure surfaces as an
 * ApiClientError carrying one of the contract's error codes. A call that may ask a model is retried
 * only when the API said it did not do the work (429, 503): after a timeout or a 5xx the API may
 * still be working, or have paid for the model, and a second call would pay again.
 */
import { hc } from 'hono/client';
import {
  AiInfo,
  ApiError,
  type ErrorCode,
  HealthResponse,
  LIMITS,
  ThreadSummary,
  type ThreadSummaryRequestInput,
  type TriageRequestInput,
  TriageResponse,
} from '../../shared/schemas';
import type { AppType } from '../../worker/src/app';

export class ApiClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }

  toJSON(): ApiError['error'] {
    return { code: this.code, message: this.message };
  }
}

export interface ApiClientOptions {
  baseUrl: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * For calls that may ask a model (triage or a summary with `ai: true`): longer than the API's own
   * worst case (LIMITS.aiRequestBudgetMs), so the client always gets the API's rules fallback.
   */
  aiTimeoutMs?: number;
  /**
   * The Bearer token for the saved API: the signed-in device's access token; empty while signed
   * out. Read before every attempt.
   */
  token?: () => Promise<string>;
  /** Called once when the API answers 401: refreshes the session; a token to retry with, or null. */
  onUnauthorized?: () => Promise<string | null>;
  retries?: number;
  /** First backoff delay; doubles per attempt. */
  backoffMs?: number;
  /** Longest wait a Retry-After header may impose before we give up instead. */
  maxRetryAfterMs?: number;
}

export interface ApiClient {
  triage(request: TriageRequestInput, signal?: AbortSignal): Promise<TriageResponse>;
  health(baseUrlOverride?: string, signal?: AbortSignal): Promise<HealthResponse>;
  /** GET /v1/ai: the API's model, endpoint host, prompt version and today's budget. */
  ai(signal?: AbortSignal): Promise<AiInfo>;
  /** POST /v1/threads/summary: rules or the model, as `request.ai` says; 429 budget_exceeded when AI is spent. */
  summarizeThread(request: ThreadSummaryRequestInput, signal?: AbortSignal): Promise<ThreadSummary>;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** The API answers these before doing the work, so asking again cannot pay twice. */
const NOT_DONE_STATUS = new Set([429, 503]);

function statusToCode(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return 'internal';
}

/** Retry-After as delay-seconds or an HTTP date → milliseconds, or undefined. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function errorFromResponse(response: Response): Promise<ApiClientError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ApiError.safeParse(body);
  if (parsed.success)
    return new ApiClientError(parsed.data.error.code, parsed.data.error.message, response.status);
  return new ApiClientError(statusToCode(response.status), `HTTP ${response.status}`, response.status);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const plainTimeoutMs = options.timeoutMs ?? 8_000;
  const aiTimeoutMs = options.aiTimeoutMs ?? LIMITS.aiClientWaitMs;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;

  async function request(
    send: (signal: AbortSignal) => Promise<Response>,
    signal?: AbortSignal,
    timeoutMs = plainTimeoutMs,
    mayAskModel = false,
  ): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const attemptSignal = signal
        ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs);
      let retryDelay = backoffMs * 2 ** attempt;
      let failure: ApiClientError;
      try {
        const response = await send(attemptSignal);
        if (response.ok) return await response.json();
        failure = await errorFromResponse(response);
        if (response.status === 401 && !refreshed && options.onUnauthorized) {
          refreshed = true;
          // The access token expired between reading it and the API checking it: refresh, once.
          if ((await options.onUnauthorized().catch(() => null)) !== null) {
            attempt--;
            continue;
          }
        }
        if (!RETRYABLE_STATUS.has(response.status)) throw failure;
        if (mayAskModel && !NOT_DONE_STATUS.has(response.status)) throw failure;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined) {
          if (retryAfter > maxRetryAfterMs) throw failure;
          retryDelay = retryAfter;
        }
      } catch (error) {
        if (error instanceof ApiClientError) throw error;
        if (signal?.aborted) throw new ApiClientError('unavailable', 'request cancelled');
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        failure = new ApiClientError(
          'unavailable',
          timedOut ? `no answer within ${timeoutMs} ms` : `cannot reach the API (${String(error)})`,
        );
        if (mayAskModel) throw failure;
      }
      if (attempt >= retries) throw failure;
      await sleep(retryDelay, signal);
    }
  }

  /** `override` is a URL being tested: it gets no token, which belongs to the saved API only. */
  async function clientFor(override?: string) {
    const base = (override ?? (await options.baseUrl())).replace(/\/+$/, '');
    if (override !== undefined || !options.token) return hc<AppType>(base, { fetch: doFetch });
    const readToken = options.token;
    // The token is read per attempt, so a retry after a refresh carries the new one.
    const withToken: typeof fetch = async (input, init) => {
      const token = await readToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return doFetch(input, { ...init, headers });
    };
    return hc<AppType>(base, { fetch: withToken });
  }

  return {
    async triage(body, signal) {
      const client = await clientFor();
      const json = await request(
        (attemptSignal) => client.v1.triage.$post({ json: body }, { init: { signal: attemptSignal } }),
        signal,
        body.ai ? aiTimeoutMs : plainTimeoutMs,
        body.ai === true,
      );
      const parsed = TriageResponse.safeParse(json);
      if (!parsed.success) throw new ApiClientError('internal', 'the API answered in an unexpected shape');
      return parsed.data;
    },
    async health(override, signal) {
      const client = await clientFor(override);
      const json = await request(
        (attemptSignal) => client.healthz.$get(undefined, { init: { signal: attemptSignal } }),
        signal,
      );
      const parsed = HealthResponse.safeParse(json);
      if (!parsed.success) throw new ApiClientError('internal', 'the API answered in an unexpected shape');
      return parsed.data;
    },
    async ai(signal) {
      const client = await clientFor();
      const json = await request(
        (attemptSignal) => client.v1.ai.$get(undefined, { init: { signal: attemptSignal } }),
        signal,
      );
      const parsed = AiInfo.safeParse(json);
      if (!parsed.success) throw new ApiClientError('internal', 'the API answered in an unexpected shape');
      return parsed.data;
    },
    async summarizeThread(body, signal) {
      const client = await clientFor();
      const json = await request(
        (attemptSignal) =>
          client.v1.threads.summary.$post({ json: body }, { init: { signal: attemptSignal } }),
        signal,
        body.ai ? aiTimeoutMs : plainTimeoutMs,
        body.ai === true,
      );
      const parsed = ThreadSummary.safeParse(json);
      if (!parsed.success) throw new ApiClientError('internal', 'the API answered in an unexpected shape');
      return parsed.data;
    },
  };
}
