import { beforeAll, describe, expect, it } from 'vitest';
import { MailParseError, parseMessage, splitMbox, toSummary } from '../../shared/mail/index';
import {
  LIMITS,
  type MessageSummary,
  MessageSummary as MessageSummarySchema,
  type TriageContextInput,
  type TriageResult,
  TriageResult as TriageResultSchema,
} from '../../shared/schemas';
import { triage, triageMany } from '../../shared/triage/index';
import {
  type AdversarialCase,
  adversarialContext,
  loadAdversarialCases,
} from '../fixtures/adversarial/cases';

let cases: AdversarialCase[] = [];
let ctx: TriageContextInput = {};

beforeAll(async () => {
  cases = await loadAdversarialCases();
  ctx = await adversarialContext();
});

/** Each message of a case as raw input: one for an .eml, every message for an mbox. */
function messagesOf(c: AdversarialCase): Array<string | Uint8Array> {
  if (c.kind === 'mbox') return splitMbox(new TextDecoder('latin1').decode(c.raw));
  return [c.raw];
}

function summarise(raw: string | Uint8Array): MessageSummary {
  return toSummary(parseMessage(raw));
}

/** Markup, script and URL schemes from a mail must never reach a reason's text. */
const MARKUP = /<[a-z!/]|onerror|javascript:|!\[|\]\(|document\.cookie/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not appear
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200b]/;

function assertPlain(result: TriageResult): void {
  for (const reason of result.reasons) {
    expect(reason.text).not.toMatch(MARKUP);
    expect(reason.text).not.toMatch(CONTROL);
  }
}

describe('adversarial mail suite', () => {
  it('holds at least 25 committed or generated cases, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) {
      expect(c.expect.error === true || c.expect.urgency !== undefined, c.name).toBe(true);
    }
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('meets every case expectation: real-content urgency, suspicious flag, or a MailParseError', () => {
    for (const c of cases) {
      if (c.expect.error) {
        expect(() => summarise(c.raw), c.name).toThrow(MailParseError);
        continue;
      }
      const raws = messagesOf(c);
      if (c.expect.messages !== undefined) expect(raws.length, c.name).toBe(c.expect.messages);
      for (const raw of raws) {
        const summary = summarise(raw);
        expect(() => MessageSummarySchema.parse(summary), c.name).not.toThrow();
        const result = triage(summary, ctx);
        expect(() => TriageResultSchema.parse(result), c.name).not.toThrow();
        expect({ name: c.name, urgency: result.urgency, suspicious: result.suspicious }).toEqual({
          name: c.name,
          urgency: c.expect.urgency,
          suspicious: c.expect.suspicious,
        });
        assertPlain(result);
        const shown = `${summary.subject}\n${summary.snippet}\n${summary.body ?? ''}`.toLowerCase();
        for (const hidden of c.expect.absent ?? []) expect(shown, c.name).not.toContain(hidden.toLowerCase());
      }
    }
  });

  it('keeps subjects and names on one line: an encoded CRLF cannot add a header', () => {
    const c = cases.find((x) => x.name === 'header-injection-crlf');
    expect(c).toBeDefined();
    const parsed = parseMessage((c as AdversarialCase).raw);
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(parsed.subject).toContain('Bcc: victim@evil.example');
    expect([...parsed.to, ...parsed.cc].map((a) => a.email)).toEqual(['sam.rivera@northwind.example']);
    const nul = parseMessage((cases.find((x) => x.name === 'nul-bytes') as AdversarialCase).raw);
    expect(`${nul.subject}${nul.text}`).not.toContain('\u0000');
  });

  it('reads the 25 MB body within a bounded time and cuts it, marking the cut', () => {
    const c = cases.find((x) => x.name === 'huge-body') as AdversarialCase;
    expect(c.raw.length).toBe(25 * 1024 * 1024);
    const started = performance.now();
    const parsed = parseMessage(c.raw);
    const result = triage(toSummary(parsed), ctx);
    const elapsed = performance.now() - started;
    expect(parsed.truncated).toBe(true);
    expect(parsed.text.length).toBeLessThanOrEqual(LIMITS.bodyChars);
    expect(parsed.text.endsWith('[… message cut]')).toBe(true);
    expect(result.urgency).toBe('high');
    // Generous for a shared 2-core machine; measured well under a second.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('flags the hostile invite from its calendar description and still sees a meeting', () => {
    const c = cases.find((x) => x.name === 'injection-calendar') as AdversarialCase;
    const summary = summarise(c.raw);
    expect(summary.calendarInvite).toBe(true);
    const result = triage(summary, ctx);
    expect(result.category).toBe('meeting');
    expect(result.reasons.map((r) => r.rule)).toContain('prompt-injection');
  });

  it('runs a batch mixing every case: a result or a clear error for each, the rest unaffected', () => {
    const outcomes: Array<{ name: string; results?: TriageResult[]; error?: string }> = [];
    const summaries: MessageSummary[] = [];
    for (const c of cases) {
      try {
        const batch = messagesOf(c).map(summarise);
        summaries.push(...batch);
        outcomes.push({ name: c.name, results: batch.map((s) => triage(s, ctx)) });
      } catch (error) {
        expect(error, c.name).toBeInstanceOf(MailParseError);
        outcomes.push({ name: c.name, error: (error as Error).message });
      }
    }
    expect(outcomes.length).toBe(cases.length);
    for (const outcome of outcomes) {
      const c = cases.find((x) => x.name === outcome.name) as AdversarialCase;
      if (c.expect.error) expect(outcome.error, c.name).toMatch(/\w{3,}/);
      else expect(outcome.results?.length, c.name).toBe(c.expect.messages ?? 1);
    }
    // The same summaries rated as one batch agree with rating them one at a time.
    const together = triageMany(summaries, ctx);
    const alone = summaries.map((s) => triage(s, ctx));
    expect(together.map((r) => [r.id, r.urgency, r.suspicious])).toEqual(
      alone.map((r) => [r.id, r.urgency, r.suspicious]),
    );
  });
});
