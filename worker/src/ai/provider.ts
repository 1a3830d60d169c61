import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { type BackoffPolicy, fullJitterDelay, sleep } from './backoff';
import { ConcurrencyLimit } from './concurrency-limit';
import { AiOutputError, AiUnavailableError } from './errors';
import { parseReply } from './parse-reply';
import { classify, TransportError, type TransportFailure } from './transport-failure';
import { addUsage, emptyUsage, type TokenUsage } from './usage';

export interface AiProviderOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint, ending in /v1. */
  baseURL?: string;
  model: string;
  /** Per request, from sending to the last byte of the reply. */
  timeoutMs: number;
  /** Retries after the first attempt for transport failures (429, 5xx, timeouts, network). */
  maxRetries: number;
  /** Requests in flight at once through this provider. */
  concurrency: number;
  backoff?: BackoffPolicy;
  /** A server asking for a longer pause than this gets no retry: the caller falls back instead. */
  maxRetryAfterMs?: number;
  random?: () => number;
}

export type { TokenUsage } from './usage';

export interface StructuredRequest<T> {
  /** Schema name sent to the model (letters, digits, _ and -). */
  name: string;
  schema: z.ZodType<T>;
  system: string;
  user: string;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface StructuredResult<T> {
  value: T;
  /** Summed over every attempt, failed ones included: they cost tokens too. */
  usage: TokenUsage;
  attempts: number;
  model: string;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 8_000 };
/**
 * A reply that fails validation is not asked for again: that would be a second paid call for the
 * same batch, and its mails fall back on rules anyway.
 */
const OUTPUT_RETRIES = 0;

function usageOf(completion: ChatCompletion): TokenUsage {
  return {
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
    totalTokens: completion.usage?.total_tokens ?? 0,
  };
}

/**
 * Structured calls to an OpenAI-compatible model with our own retry policy. The SDK's retries are
 * off so that one place decides how long to wait (Retry-After first, jittered backoff otherwise),
 * how many attempts a call may take, and which failures are worth another try.
 */
export class AiProvider {
  readonly model: string;
  /** Host of the endpoint, for display (GET /v1/ai); the key never leaves this object. */
  readonly endpointHost: string;
  private readonly client: OpenAI;
  private readonly limit: ConcurrencyLimit;
  private readonly options: AiProviderOptions;

  constructor(options: AiProviderOptions) {
    this.options = options;
    this.model = options.model;
    this.endpointHost = new URL(options.baseURL ?? 'https://api.openai.com/v1').host;
    this.limit = new ConcurrencyLimit(options.concurrency);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: 0,
      timeout: options.timeoutMs,
    });
  }

  async structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const usage = emptyUsage();
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    let attempts = 0;
    let transportFailures = 0;
    let outputFailures = 0;
    for (;;) {
      attempts += 1;
      let failure: TransportFailure;
      try {
        const completion = await this.limit.run(() => this.send(request), request.signal);
        addUsage(usage, usageOf(completion));
        return { value: parseReply(completion, request.schema), usage, attempts, model: this.model };
      } catch (error) {
        if (error instanceof AiOutputError) {
          outputFailures += 1;
          if (outputFailures > OUTPUT_RETRIES)
            throw new AiOutputError(error.kind, error.message, attempts, usage);
          continue;
        }
        if (request.signal?.aborted) {
          throw new AiUnavailableError('aborted', 'request aborted by caller', { attempts, usage });
        }
        // Anything else is a bug here, not a provider outage: retrying would only hide it.
        if (!(error instanceof TransportError)) throw error;
        failure = error.failure;
      }
      transportFailures += 1;
      const details = { status: failure.status, retryAfterMs: failure.retryAfterMs, attempts, usage };
      if (!failure.retryable || transportFailures > this.options.maxRetries) {
        throw new AiUnavailableError(failure.reason, failure.message, details);
      }
      if (
        failure.retryAfterMs !== undefined &&
        failure.retryAfterMs > (this.options.maxRetryAfterMs ?? 30_000)
      ) {
        throw new AiUnavailableError(failure.reason, `${failure.message} (asked to wait too long)`, details);
      }
      const wait = failure.retryAfterMs ?? fullJitterDelay(transportFailures, backoff, this.options.random);
      try {
        await sleep(wait, request.signal);
      } catch {
        throw new AiUnavailableError('aborted', 'request aborted by caller', details);
      }
    }
  }

  private async send<T>(request: StructuredRequest<T>): Promise<ChatCompletion> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout.signal, request.signal]) : timeout.signal;
    try {
      // `await` inside the try: the completion (body included) must arrive before the timer is cleared.
      return await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [
            { role: 'system', content: request.system },
            { role: 'user', content: request.user },
          ],
          response_format: zodResponseFormat(request.schema, request.name),
          max_completion_tokens: request.maxOutputTokens,
        },
        { signal },
      );
    } catch (error) {
      throw new TransportError(classify(error, timeout.signal.aborted, request.signal?.aborted === true));
    } finally {
      clearTimeout(timer);
    }
  }
}
