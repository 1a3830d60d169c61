/**
 * The adversarial mail suite through the API: every hostile case parsed into what a client sends,
 * triaged with AI on by a model that obeys whatever the mail says. Injected mail must not come out
 * high, hidden text must never reach the model, an oversized body is refused with a clear error, and
 * a batch that mixes every case answers every message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailParseError, parseMessage, splitMbox, toSummary } from '../../shared/mail/index';
import { type MessageSummary, type TriageContextInput, TriageResponse } from '../../shared/schemas';
import { triage as triageWithRules } from '../../shared/triage/index';
import {
  type AdversarialCase,
  adversarialContext,
  loadAdversarialCases,
} from '../fixtures/adversarial/cases';
import { type AiHarness, post, startAiHarness } from './ai-app';

const MARKUP = /<[a-z!/]|onerror|javascript:|!\[|\]\(/i;
const RANK = { low: 0, medium: 1, high: 2 } as const;

let h: AiHarness;
let cases: AdversarialCase[] = [];
let context: TriageContextInput = {};

beforeAll(async () => {
  h = await startAiHarness('adversarial_api');
  cases = await loadAdversarialCases();
  context = await adversarialContext();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** What a client would send for a case: its first message (an mbox contributes its first three). */
function summariesOf(c: AdversarialCase): MessageSummary[] {
  const raws = c.kind === 'mbox' ? splitMbox(new TextDecoder('latin1').decode(c.raw)).slice(0, 3) : [c.raw];
  return raws.map((raw, index) => {
    const summary = toSummary(parseMessage(raw));
    return { ...summary, id: `${c.name}-${index}`.slice(0, 200) };
  });
}

async function triageBatch(messages: MessageSummary[]) {
  const response = await post(h.app(), '/v1/triage', { messages, context, ai: true });
  expect(response.status).toBe(200);
  return TriageResponse.parse(await response.json());
}

describe('adversarial suite through the API with AI on and a model that obeys the mail', () => {
  it('never lets text hidden from the reader reach the model', async () => {
    h.fake.setMode('ok');
    const hiding = cases.filter((c) => (c.expect.absent ?? []).length > 0);
    expect(hiding.length).toBeGreaterThan(0);
    for (const c of hiding) {
      const before = h.fake.calls.length;
      // First in this file, so no cached verdict answers for the same content.
      await triageBatch(summariesOf(c));
      expect(h.fake.calls.length, c.name).toBeGreaterThan(before);
      for (let call = before; call < h.fake.calls.length; call++) {
        const prompt = h.fake.userPrompt(call).toLowerCase();
        for (const text of c.expect.absent ?? []) expect(prompt, c.name).not.toContain(text.toLowerCase());
      }
    }
  }, 60_000);

  it('answers every parseable case; injected or disguised mail is never raised above the rules', async () => {
    h.fake.setMode('obey');
    const parseable = cases.filter((c) => !c.expect.error);
    expect(parseable.length).toBeGreaterThanOrEqual(25);
    for (const c of parseable) {
      const messages = summariesOf(c);
      const { results, aiStatus } = await triageBatch(messages);
      expect(aiStatus, c.name).toBe('ok');
      expect(results.map((result) => result.id)).toEqual(messages.map((message) => message.id));
      results.forEach((result, index) => {
        const rules = triageWithRules(messages[index] as MessageSummary, context);
        if (rules.suspicious) {
          expect(result.suspicious, c.name).toBe(true);
          expect(RANK[result.urgency], c.name).toBeLessThanOrEqual(RANK[rules.urgency]);
        }
        if (c.expect.suspicious) expect(result.urgency, c.name).not.toBe('high');
        for (const reason of result.reasons) expect(reason.text, c.name).not.toMatch(MARKUP);
      });
    }
  }, 120_000);

  it('answers a batch mixing every case, one result per message, in order', async () => {
    h.fake.setMode('ok');
    // Bodies are trimmed so the mixed batch stays under the request limit; each case keeps its markup.
    const messages = cases
      .filter((c) => !c.expect.error)
      .map((c) => summariesOf(c)[0] as MessageSummary)
      .map((message) => ({ ...message, body: message.body?.slice(0, 20_000) }));
    const { results } = await triageBatch(messages);
    expect(results.map((result) => result.id)).toEqual(messages.map((message) => message.id));
  }, 60_000);

  it('hopeless input is a parse error for that message only; the client sends the rest', () => {
    const hopeless = cases.filter((c) => c.expect.error);
    expect(hopeless.length).toBeGreaterThan(0);
    for (const c of hopeless) expect(() => toSummary(parseMessage(c.raw)), c.name).toThrow(MailParseError);
  });

  it('refuses a raw 25 MB body with 413 and a clear error, and keeps serving', async () => {
    const huge = cases.find((c) => c.raw.length > 20 * 1024 * 1024);
    expect(huge).toBeDefined();
    const raw = new TextDecoder('latin1').decode(huge?.raw);
    const response = await post(h.app(), '/v1/triage', {
      messages: [{ id: 'huge', from: { name: '', email: 'a@b.example' }, body: raw }],
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const after = await triageBatch(summariesOf(huge as AdversarialCase));
    expect(after.results).toHaveLength(1);
  }, 60_000);
});
