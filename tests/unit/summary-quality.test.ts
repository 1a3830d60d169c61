import { describe, expect, it } from 'vitest';
import { ThreadSummary, ThreadSummaryRequest, type ThreadSummaryRequestInput } from '../../shared/schemas';
import { summarizeThreadWithRules } from '../../shared/summary';

const ANN = { name: 'Ann Lee', email: 'ann@acme.example' };
const ME = { name: 'Sam Park', email: 's.park@acme.example' };
const BOB = { name: 'Bob Stone', email: 'bob@acme.example' };

function summarize(input: Omit<ThreadSummaryRequestInput, 'threadId'>) {
  return ThreadSummary.parse(
    summarizeThreadWithRules(ThreadSummaryRequest.parse({ threadId: 't-q', ...input })),
  );
}

describe('later messages supersede earlier dates in action items', () => {
  it('"moved to Wednesday, Nov 25" re-dates the earlier ask', () => {
    const summary = summarize({
      userEmails: [ME.email],
      messages: [
        {
          id: '1',
          from: ANN,
          to: [ME],
          date: '2026-11-16T09:00:00-08:00',
          text: 'Can you send me the vendor report by Wednesday?',
        },
        {
          id: '2',
          from: ANN,
          to: [ME],
          date: '2026-11-17T09:00:00-08:00',
          text: 'Quick update: the vendor report deadline moved to Wednesday, Nov 25.',
        },
      ],
    });
    expect(summary.actionItems).toContainEqual({
      text: 'Can you send me the vendor report by Wednesday?',
      owner: 'you',
      due: '2026-11-25',
    });
  });
});

describe('owners are consistent', () => {
  it('calls the user "you" when named by first name, even when their address does not show it', () => {
    const summary = summarize({
      userEmails: [ME.email],
      messages: [
        { id: '1', from: ME, to: [ANN], date: '2026-11-16T09:00:00-08:00', text: 'I will draft the plan.' },
        {
          id: '2',
          from: ANN,
          to: [BOB],
          date: '2026-11-16T10:00:00-08:00',
          text: 'Sam, could you add the budget section? Bob, please check the numbers.',
        },
      ],
    });
    const owners = summary.actionItems.map((item) => item.owner);
    expect(owners).toEqual(['you', 'you', 'Bob Stone']);
  });
});

describe('the summary reads as a summary', () => {
  const summary = summarize({
    userEmails: [ME.email],
    messages: [
      {
        id: '1',
        from: ANN,
        to: [ME, BOB],
        date: '2026-11-16T09:00:00-08:00',
        text: 'Hope you had a great weekend! Which venue should we book for the offsite? We need to decide by Friday.',
      },
      {
        id: '2',
        from: BOB,
        to: [ANN, ME],
        date: '2026-11-16T11:00:00-08:00',
        text: 'Thanks for pulling this together. Porto is cheaper and has the bigger room.',
      },
      {
        id: '3',
        from: ME,
        to: [ANN, BOB],
        date: '2026-11-16T12:00:00-08:00',
        text: 'Agreed, we book Porto for May 4. Looking forward to it!',
      },
    ],
  });

  it('says who took part and where the thread stands, not each first sentence', () => {
    expect(summary.summary).toBe(
      '3 messages between Ann Lee, Bob Stone and you. Ann Lee opened: We need to decide by Friday. Latest, You: Agreed, we book Porto for May 4.',
    );
  });

  it('keeps pleasantries and questions answered later out of the key points', () => {
    const text = summary.keyPoints.join(' | ');
    expect(text).not.toMatch(/Hope you had|Thanks for pulling|Looking forward/);
    expect(text).not.toContain('Which venue should we book');
    expect(summary.keyPoints).toContain('Bob Stone: Porto is cheaper and has the bigger room.');
  });
});
