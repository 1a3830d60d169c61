import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageSummary, type MessageSummaryInput } from '../../shared/schemas';
import { AiProvider } from '../../worker/src/ai/provider';
import { summarizeThread } from '../../worker/src/ai/summarize';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';

function message(input: Partial<MessageSummaryInput> & { id: string }): MessageSummary {
  return MessageSummary.parse({ from: { name: 'Ann Lee', email: 'ann@corp.example' }, ...input });
}

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

function provider(): AiProvider {
  return new AiProvider({
    apiKey: 'k',
    baseURL: fake.url,
    model: 'gpt-test',
    timeoutMs: 2_000,
    maxRetries: 1,
    concurrency: 2,
  });
}

describe('summarizeThread', () => {
  it('returns a validated summary with smuggled images and reference links stripped', async () => {
    fake.setMode('smuggle');
    const thread = [
      message({
        id: '1',
        subject: 'Offsite planning',
        body: 'Where should we go? eve@outside.example has ideas.',
      }),
      message({ id: '2', subject: 'Re: Offsite planning', body: 'Lisbon works for me.' }),
    ];
    const result = await summarizeThread(provider(), thread);
    expect(result.summary.summary).toBe(
      'A thread of 2 messages about Offsite planning. The latest asks for a reply. See the form.',
    );
    expect(JSON.stringify(result.summary)).not.toContain('attacker.example');
    expect(result.summary.keyPoints).toEqual([
      'Discussed: Offsite planning',
      'Discussed: Re: Offsite planning',
    ]);
    expect(result.summary.actionItems).toEqual([{ text: 'Reply to the open question', owner: 'you' }]);
    expect(fake.userPrompt()).not.toContain('eve@outside.example');
    expect(result.omitted).toBe(0);
  });

  it('keeps a thread of thousands of messages within budget: first message plus the latest', async () => {
    const thread = Array.from({ length: 3_000 }, (_, i) =>
      message({ id: `m${i}`, subject: `Message ${i}`, body: `Body ${i} `.repeat(200) }),
    );
    const result = await summarizeThread(provider(), thread, {
      maxTokensPerMessage: 500,
      maxTotalTokens: 5_000,
    });
    expect(fake.calls).toHaveLength(1);
    expect(result.omitted).toBe(2_990);
    const prompt = fake.userPrompt();
    expect(prompt).toContain('2990 earlier messages of this thread are omitted');
    expect(prompt).toContain('Subject: Message 0\n');
    expect(prompt).toContain('Subject: Message 2999\n');
    expect(prompt).not.toContain('Subject: Message 1500\n');
    expect(prompt.length).toBeLessThan(5_000 * 4 + 3_000);
  });
});
