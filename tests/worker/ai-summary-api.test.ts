import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, LIMITS, ThreadSummary, type ThreadSummaryRequestInput } from '../../shared/schemas';
import { SUMMARY_RULES_VERSION } from '../../shared/summary';
import { type AiHarness, post, startAiHarness, TEST_MODEL } from './ai-app';

let h: AiHarness;
beforeAll(async () => {
  h = await startAiHarness('ai_summary');
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.fake.setMode('ok');
  h.fake.calls.length = 0;
  h.reported.length = 0;
});

const ANN = { name: 'Ann Lee', email: 'ann@acme.example' };
const ME = { name: 'Sam Park', email: 'sam@acme.example' };

function thread(label: string, ai = true): ThreadSummaryRequestInput {
  return {
    threadId: `thread-${label}`,
    subject: `Budget review (${label})`,
    ai,
    userEmails: [ME.email],
    messages: [
      {
        id: `${label}-1`,
        from: ANN,
        to: [ME],
        date: '2026-03-10T09:00:00-05:00',
        text: 'Can you send me the budget numbers by Thursday? Loop in eve@outside.example too.',
      },
      {
        id: `${label}-2`,
        from: ME,
        to: [ANN],
        date: '2026-03-10T10:00:00-05:00',
        text: "I'll send them Wednesday.",
      },
    ],
  };
}

async function summarize(app: ReturnType<AiHarness['app']>, body: ThreadSummaryRequestInput) {
  const response = await post(app, '/v1/threads/summary', body);
  expect(response.status).toBe(200);
  return ThreadSummary.parse(await response.json());
}

describe('POST /v1/threads/summary', () => {
  it('answers with the rules summary and no model call when ai is false', async () => {
    const summary = await summarize(h.app(), thread('rules', false));
    expect(summary).toMatchObject({ source: 'rules', engine: SUMMARY_RULES_VERSION, aiStatus: 'off' });
    expect(summary.actionItems).toContainEqual({
      text: 'Can you send me the budget numbers by Thursday?',
      owner: 'you',
      due: '2026-03-12',
    });
    expect(h.fake.calls).toHaveLength(0);
  });

  it('says unconfigured without a provider', async () => {
    const summary = await summarize(h.app({ provider: null }), thread('unconfigured'));
    expect(summary).toMatchObject({ source: 'rules', aiStatus: 'unconfigured' });
  });

  it('summarises with the model, then serves the unchanged thread from the cache', async () => {
    const app = h.app();
    const first = await summarize(app, thread('ai'));
    expect(first).toMatchObject({
      threadId: 'thread-ai',
      source: 'ai',
      engine: TEST_MODEL,
      aiStatus: 'ok',
      messageCount: 2,
      actionItems: [{ text: 'Reply to the open question', owner: 'you' }],
    });
    expect(first.summary).toBe(
      'A thread of 2 messages about Budget review (ai). The latest asks for a reply.',
    );
    expect(h.fake.calls).toHaveLength(1);
    // Third parties are redacted on the way in.
    expect(h.fake.sentText()).not.toContain('eve@outside.example');

    const again = await summarize(app, thread('ai'));
    expect(h.fake.calls).toHaveLength(1);
    expect({ ...again, at: '' }).toEqual({ ...first, at: '' });

    const changed = thread('ai');
    changed.messages.push({ id: 'ai-3', from: ANN, to: [ME], text: 'Any update?' });
    await summarize(app, changed);
    expect(h.fake.calls).toHaveLength(2);
  });

  it('never lets a smuggled image or reference link reach the summary', async () => {
    h.fake.setMode('smuggle');
    const summary = await summarize(h.app(), thread('smuggle'));
    expect(summary.source).toBe('ai');
    const text = JSON.stringify(summary);
    expect(text).not.toContain('attacker.example');
    expect(text).not.toContain('![');
    expect(summary.summary).toContain('See the form.');
  });

  it('sends placeholders to the model and shows the user the values their own mail contains', async () => {
    const request = { ...thread('card'), subject: 'Refund to card 4111 1111 1111 1111' };
    const summary = await summarize(h.app(), request);
    expect(h.fake.sentText()).not.toContain('4111 1111 1111 1111');
    expect(h.fake.userPrompt(0)).toContain('Subject: Refund to card [CARD_1]');
    expect(summary.keyPoints[0]).toBe('Discussed: Refund to card 4111 1111 1111 1111');
    expect(JSON.stringify(summary)).not.toMatch(/\[(?:CARD|EMAIL|PHONE)_\d+\]/);
  });

  it('falls back on the rules summary with the reason when the model fails', async () => {
    h.fake.setMode('server-error');
    const down = await summarize(h.app(), thread('down'));
    expect(down).toMatchObject({ source: 'rules', aiStatus: 'unavailable' });
    h.fake.setMode('wrong-shape');
    const invalid = await summarize(h.app(), thread('invalid'));
    expect(invalid).toMatchObject({ source: 'rules', aiStatus: 'invalid_output' });
    expect(h.reported.map(String).join('\n')).not.toContain('budget numbers');
  });

  it('keeps a 500-message thread inside the prompt budget and notes the cut', async () => {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      id: `long-${i}`,
      from: i % 2 ? ANN : ME,
      to: [i % 2 ? ME : ANN],
      text: `Update ${i}: ${'the migration moves along nicely. '.repeat(20)}`,
    }));
    const summary = await summarize(h.app(), {
      threadId: 'thread-long',
      subject: 'Migration',
      ai: true,
      messages,
    });
    expect(summary.source).toBe('ai');
    expect(summary.messageCount).toBe(500);
    expect(summary.notes).toContain('480 earlier messages left out for length');
    expect(h.fake.calls).toHaveLength(1);
    expect(h.fake.userPrompt(0)).toContain('480 earlier messages of this thread are omitted');
    expect(h.fake.userPrompt(0).length).toBeLessThan(12_000 * 4 + 5_000);
  });

  it('refuses a 25 MB body at the door with 413, before any work', async () => {
    const huge = JSON.stringify({
      ...thread('huge'),
      messages: [{ id: 'h', from: ANN, text: 'x'.repeat(25 * 1024 * 1024) }],
    });
    const response = await h.app().request('/v1/threads/summary', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(huge.length) },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(ApiError.parse(await response.json()).error.code).toBe('payload_too_large');
    expect(huge.length).toBeGreaterThan(LIMITS.requestBytes);
    expect(h.fake.calls).toHaveLength(0);
  });

  it('answers 429 budget_exceeded with a clear message once today is spent', async () => {
    await h.resetUsage();
    const app = h.app({ settings: { dailyTokenBudget: 40 } });
    await summarize(app, thread('budget-1'));
    expect(h.fake.calls).toHaveLength(1);

    const response = await post(app, '/v1/threads/summary', thread('budget-2'));
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(ApiError.parse(await response.json()).error).toEqual({
      code: 'budget_exceeded',
      message: "Today's AI budget of 40 tokens is spent; resets at midnight UTC",
    });
    expect(h.fake.calls).toHaveLength(1);
    // Rules-only requests are free and keep working.
    const rules = await summarize(app, thread('budget-3', false));
    expect(rules.source).toBe('rules');
  });
});

describe('model text cut at a limit', () => {
  it('never splits an emoji: a 999-character summary followed by one is stored and served', async () => {
    // The fake model writes "A thread of 1 messages about <subject>. …": the subject puts an emoji
    // across the 1,000-character limit of a summary.
    const prefix = 'A thread of 1 messages about ';
    const subject = `${'x'.repeat(999 - prefix.length)}😀 tail`;
    const body: ThreadSummaryRequestInput = {
      threadId: 'emoji-cut',
      subject,
      ai: true,
      messages: [{ id: 'emoji-1', from: ANN, to: [ME], text: 'Status update.' }],
    };
    const first = await summarize(h.app(), body);
    expect(first.source).toBe('ai');
    expect(JSON.stringify(first)).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    expect(first.summary.length).toBeLessThanOrEqual(1_000);
    const again = await summarize(h.app(), body);
    expect(again.summary).toBe(first.summary);
    expect(h.fake.calls).toHaveLength(1);
    expect(h.reported).toEqual([]);
  });
});
