import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareForModel } from '../../shared/untrusted';
import { fullJitterDelay, retryAfterMs } from '../../worker/src/ai/backoff';
import { AiOutputError, AiUnavailableError } from '../../worker/src/ai/errors';
import { createNonce, TRIAGE_SYSTEM_PROMPT, triageUserPrompt } from '../../worker/src/ai/prompts';
import { AiProvider, type AiProviderOptions, type StructuredRequest } from '../../worker/src/ai/provider';
import { TriageReply } from '../../worker/src/ai/schemas';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI({ apiKey: 'test-key' });
});
afterEach(async () => {
  await fake.close();
});

function provider(overrides: Partial<AiProviderOptions> = {}): AiProvider {
  return new AiProvider({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'gpt-test',
    timeoutMs: 2_000,
    maxRetries: 2,
    concurrency: 4,
    backoff: { baseMs: 20, maxMs: 100 },
    ...overrides,
  });
}

function triageRequest(signal?: AbortSignal): StructuredRequest<TriageReply> {
  const mails = [
    { subject: 'Server outage', body: 'Production is down, please fix immediately.' },
    { subject: 'Weekly newsletter', body: 'Our top stories. Unsubscribe any time.' },
  ].map((mail, index) => ({
    id: String(index + 1),
    prepared: prepareForModel({ ...mail, from: 'ops@corp.example', participants: [], maxTokens: 200 }),
  }));
  return {
    name: 'triage_batch',
    schema: TriageReply,
    system: TRIAGE_SYSTEM_PROMPT,
    user: triageUserPrompt(mails, createNonce(), '2026-11-22T09:00:00Z'),
    signal,
  };
}

/** What the fake bills: a quarter token per character sent, per call. */
function promptTokensSent(server: FakeOpenAI): number {
  return server.calls
    .map((call) => (call.body.messages ?? []).reduce((sum, entry) => sum + (entry.content?.length ?? 0), 0))
    .reduce((sum, chars) => sum + Math.ceil(chars / 4), 0);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('AiProvider against an OpenAI-compatible server', () => {
  it('sends a strict JSON-schema request and returns the parsed, validated reply with token usage', async () => {
    const result = await provider().structured(triageRequest());
    expect(result.value.items).toEqual([
      expect.objectContaining({ id: '1', urgency: 'high', category: 'action', suspicious: false }),
      expect.objectContaining({ id: '2', urgency: 'low', category: 'newsletter', suspicious: false }),
    ]);
    expect(result.attempts).toBe(1);
    expect(result.model).toBe('gpt-test');

    const call = fake.calls[0];
    const sentChars = (call?.body.messages ?? []).reduce(
      (sum, entry) => sum + (entry.content?.length ?? 0),
      0,
    );
    expect(result.usage.promptTokens).toBe(Math.ceil(sentChars / 4));
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);

    expect(call?.headers.authorization).toBe('Bearer test-key');
    // The SDK's own retries are off: ours decide.
    expect(call?.headers['x-stainless-retry-count']).toBe('0');
    const format = call?.body.response_format as {
      type: string;
      json_schema: { name: string; strict: boolean };
    };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'triage_batch', strict: true });
  });

  it('honours Retry-After on 429 before trying again', async () => {
    fake.queue({ kind: 'rate-limit', retryAfter: '1' });
    const result = await provider().structured(triageRequest());
    expect(result.attempts).toBe(2);
    const [first, second] = fake.calls;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('prefers retry-after-ms, which is more precise', async () => {
    fake.queue({ kind: 'rate-limit', retryAfter: '20', retryAfterMs: '150' });
    const started = Date.now();
    await provider().structured(triageRequest());
    const waited = (fake.calls[1]?.at ?? 0) - (fake.calls[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up at once when the server asks for a longer pause than allowed', async () => {
    fake.queue({ kind: 'rate-limit', retryAfter: '120' });
    const error = await rejection(provider({ maxRetryAfterMs: 5_000 }).structured(triageRequest()));
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error).toMatchObject({ reason: 'rate-limited', details: { status: 429, retryAfterMs: 120_000 } });
    expect(fake.calls).toHaveLength(1);
  });

  it('retries a 500 and succeeds', async () => {
    fake.queue('server-error');
    const result = await provider().structured(triageRequest());
    expect(result.attempts).toBe(2);
    expect(fake.calls.map((call) => call.mode)).toEqual(['server-error', 'ok']);
  });

  it('stops after maxRetries transport failures with AiUnavailableError', async () => {
    fake.setMode({ kind: 'server-error', status: 503 });
    const error = await rejection(provider({ maxRetries: 2 }).structured(triageRequest()));
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error).toMatchObject({ reason: 'server', details: { status: 503, attempts: 3 } });
    expect(fake.calls).toHaveLength(3);
  });

  it('times out a hanging request once, without paying for a second attempt', async () => {
    fake.setMode('hang');
    const started = Date.now();
    const error = await rejection(provider({ timeoutMs: 300, maxRetries: 2 }).structured(triageRequest()));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', details: { attempts: 1 } });
    expect(fake.calls).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });

  it('stops waiting when the caller aborts', async () => {
    fake.setMode('hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(
      provider({ timeoutMs: 5_000 }).structured(triageRequest(controller.signal)),
    );
    expect(error).toMatchObject({ reason: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.calls).toHaveLength(1);
  });

  it('lets a caller waiting for a concurrency slot give up without ever sending', async () => {
    fake.setMode('hang');
    const ai = provider({ concurrency: 1, timeoutMs: 5_000 });
    const first = new AbortController();
    const second = new AbortController();
    const holding = rejection(ai.structured(triageRequest(first.signal)));
    const queued = rejection(ai.structured(triageRequest(second.signal)));
    setTimeout(() => second.abort(), 100);
    expect(await queued).toMatchObject({ reason: 'aborted' });
    expect(fake.calls).toHaveLength(1);
    first.abort();
    expect(await holding).toMatchObject({ reason: 'aborted' });
  });

  it('throws AiOutputError on malformed JSON after one paid call, not two', async () => {
    fake.setMode('malformed');
    const error = await rejection(provider().structured(triageRequest()));
    expect(error).toBeInstanceOf(AiOutputError);
    expect(error).toMatchObject({ kind: 'malformed', attempts: 1 });
    expect(fake.calls).toHaveLength(1);
    // Unusable replies still cost tokens: the error carries them for the user's budget.
    expect((error as AiOutputError).usage.promptTokens).toBe(promptTokensSent(fake));
  });

  it('answers the next request normally after a malformed reply', async () => {
    fake.queue('malformed');
    await rejection(provider().structured(triageRequest()));
    const result = await provider().structured(triageRequest());
    expect(result.attempts).toBe(1);
    expect(result.value.items).toHaveLength(2);
    expect(fake.calls).toHaveLength(2);
  });

  it('treats a refusal as an output error', async () => {
    fake.setMode('refusal');
    const error = await rejection(provider().structured(triageRequest()));
    expect(error).toBeInstanceOf(AiOutputError);
    expect(error).toMatchObject({ kind: 'refusal' });
    expect(fake.calls).toHaveLength(1);
  });

  it('treats a reply of the wrong shape as an output error', async () => {
    fake.setMode('wrong-shape');
    const error = await rejection(provider().structured(triageRequest()));
    expect(error).toMatchObject({ kind: 'shape' });
  });

  it('reports a refused connection as unavailable after its retries', async () => {
    const gone = await startFakeOpenAI();
    await gone.close();
    const error = await rejection(provider({ baseURL: gone.url, maxRetries: 1 }).structured(triageRequest()));
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error).toMatchObject({ reason: 'network', details: { attempts: 2 } });
  });

  it('does not retry a rejected key', async () => {
    const error = await rejection(provider({ apiKey: 'wrong' }).structured(triageRequest()));
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect(error).toMatchObject({ reason: 'rejected', details: { status: 401 } });
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    fake.setDelay(100);
    const ai = provider({ concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => ai.structured(triageRequest())));
    expect(fake.calls).toHaveLength(6);
    expect(fake.maxInFlight).toBe(2);
  });
});

describe('backoff', () => {
  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:05 GMT' }), now)).toBe(5_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '3', 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('draws full-jitter delays between 0 and the capped exponential ceiling', () => {
    const policy = { baseMs: 100, maxMs: 1_000 };
    expect(fullJitterDelay(1, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.999)).toBe(399);
    expect(fullJitterDelay(10, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(10, policy, () => 0)).toBe(0);
  });
});
