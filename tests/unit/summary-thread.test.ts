import { describe, expect, it } from 'vitest';
import { ThreadSummary, ThreadSummaryRequest, type ThreadSummaryRequestInput } from '../../shared/schemas';
import { SUMMARY_RULES_VERSION, summarizeThreadWithRules } from '../../shared/summary';
import { cleanMessage } from '../../shared/summary/clean-message';

const ANN = { name: 'Ann Lee', email: 'ann@acme.example' };
const ME = { name: 'Sam Park', email: 'sam@acme.example' };

function summarize(input: Omit<ThreadSummaryRequestInput, 'threadId'>) {
  return ThreadSummary.parse(
    summarizeThreadWithRules(ThreadSummaryRequest.parse({ threadId: 't-9', ...input })),
  );
}

describe('cleanMessage', () => {
  it('keeps only the writer’s own words: no greeting, quotes, attribution or signature', () => {
    const cleaned = cleanMessage(
      [
        'Hi Sam,',
        '',
        'The venue is confirmed for',
        'the 14th.',
        '- catering booked',
        '- AV pending',
        '',
        'Best,',
        'Ann',
        '--',
        'Ann Lee | Events',
        'On Mon, Mar 9, 2026 at 4:00 PM Sam Park',
        '<sam@acme.example> wrote:',
        '> Is the venue confirmed?',
      ].join('\n'),
    );
    expect(cleaned).toEqual({
      paragraphs: ['The venue is confirmed for the 14th.', 'catering booked', 'AV pending'],
      cut: false,
    });
  });

  it('stops at an Outlook original-message header block', () => {
    const cleaned = cleanMessage(
      'Approved.\nGo ahead.\n\nFrom: Ann Lee\nSent: Monday\nSubject: Budget\n\nOld text',
    );
    expect(cleaned.paragraphs).toEqual(['Approved. Go ahead.']);
  });
});

describe('summarizeThreadWithRules', () => {
  it('summarises who took part, how the thread opened and where it stands, naming who said what', () => {
    const summary = summarize({
      subject: 'Offsite',
      userEmails: [ME.email],
      now: '2026-03-12T10:00:00Z',
      messages: [
        {
          id: '1',
          from: ANN,
          to: [ME],
          text: 'We should pick the offsite venue this week. Options are Lisbon and Porto.',
        },
        { id: '2', from: ME, to: [ANN], text: 'Lisbon works better for the team. Flights are cheaper.' },
        { id: '3', from: ANN, to: [ME], text: 'Great, thanks!\n\nWe agreed on Lisbon for May 4.' },
      ],
    });
    expect(summary.summary).toBe(
      '3 messages between Ann Lee and you. Ann Lee opened: We should pick the offsite venue this week. Latest, Ann Lee: We agreed on Lisbon for May 4.',
    );
    expect(summary.keyPoints).toContain('You: Flights are cheaper.');
    expect(summary).toMatchObject({
      threadId: 't-9',
      source: 'rules',
      engine: SUMMARY_RULES_VERSION,
      messageCount: 3,
      suspicious: false,
      notes: [],
      at: '2026-03-12T10:00:00Z',
    });
  });

  it('reads a 500-message thread and a 25 MB body within its limits and notes the cuts', () => {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      id: `m${i}`,
      from: i % 2 ? ANN : ME,
      to: [i % 2 ? ME : ANN],
      text: `Update number ${i} on the migration plan.`,
    }));
    const huge = `Can you approve the migration by Friday? ${'Lorem ipsum dolor sit. '.repeat(1_100_000)}`;
    expect(huge.length).toBeGreaterThan(25_000_000);
    messages.push({ id: 'last', from: ANN, to: [ME], text: huge });
    const started = performance.now();
    // Parsed by hand: the contract caps a message at 100,000 chars, the pure function must not rely on it.
    const summary = summarizeThreadWithRules({
      threadId: 'long',
      subject: 'Migration',
      messages: messages.map((m) => ({ ...m, date: '2026-03-10T09:00:00Z' })),
      ai: false,
      userEmails: [ME.email],
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(summary.messageCount).toBe(501);
    expect(summary.notes).toEqual(['451 earlier messages not read (thread too long)', '1 long message cut']);
    expect(summary.summary).toContain('Can you approve the migration by Friday?');
    expect(summary.summary.length).toBeLessThanOrEqual(1_200);
    expect(summary.actionItems).toContainEqual({
      text: 'Can you approve the migration by Friday?',
      owner: 'you',
      due: '2026-03-13',
    });
  });

  it('drops invisible characters and says so', () => {
    const summary = summarize({
      messages: [{ id: '1', from: ANN, text: 'Please re\u200Bview the draft.' }],
    });
    expect(summary.summary).toBe('Ann Lee: Please review the draft.');
    expect(summary.notes).toContain('invisible characters removed');
  });

  it('falls back on the subject when the thread has nothing to say', () => {
    const summary = summarize({ subject: 'Photos', messages: [{ id: '1', from: ANN, text: 'Thanks!' }] });
    expect(summary.summary).toBe('Photos');
    expect(summary.actionItems).toEqual([]);
  });
});
