import * as chrono from 'chrono-node/en';
import { describe, expect, it, vi } from 'vitest';
import { findDeadline } from '../../shared/triage/deadline/find-deadline';
import { triage } from '../../shared/triage/index';
import { CTX, mail } from './triage-helpers';

const PT = -480;
/** Thursday 2026-11-19, 08:10 in California. */
const THURSDAY_MORNING = '2026-11-19T08:10:00-08:00';

interface Row {
  phrase: string;
  /** When the writer sent it; Thursday morning unless said. */
  sent?: string;
  /** Local date and, when the phrase names one, time: "2026-11-19 17:00" or "2026-11-25". */
  due: string;
}

/** Phrases people write, with the moment each means for a mail sent at `sent`. */
const TABLE: Row[] = [
  { phrase: 'Please send it before 10:00.', due: '2026-11-19 10:00' },
  { phrase: 'I need the deck by 5pm.', due: '2026-11-19 17:00' },
  { phrase: 'Can you reply in the next 30 minutes?', due: '2026-11-19 08:40' },
  { phrase: 'We need a decision within the hour.', due: '2026-11-19 09:10' },
  { phrase: 'Send the figures by end of day.', due: '2026-11-19 17:00' },
  { phrase: 'Numbers EOD please.', due: '2026-11-19 17:00' },
  { phrase: 'Need the signed copy by COB.', due: '2026-11-19 17:00' },
  { phrase: 'Please send it tonight.', due: '2026-11-19 21:00' },
  { phrase: 'Please send it first thing tomorrow.', due: '2026-11-20 09:00' },
  { phrase: 'Reply by 8am tomorrow.', due: '2026-11-20 08:00' },
  { phrase: 'Send it by Thursday.', due: '2026-11-19' },
  { phrase: 'Send it by Friday.', due: '2026-11-20' },
  { phrase: 'Submit it by next Thursday.', due: '2026-11-26' },
  { phrase: 'Please confirm by Wednesday, Nov 25.', sent: '2026-11-16T09:00:00-08:00', due: '2026-11-25' },
  { phrase: 'Please confirm by Monday, 30 November.', due: '2026-11-30' },
  { phrase: 'The form is due 11/25.', due: '2026-11-25' },
  { phrase: 'Approve it by noon.', due: '2026-11-19 12:00' },
  { phrase: 'Deadline is 17:00 today.', due: '2026-11-19 17:00' },
  { phrase: 'Send it by 10am.', sent: '2026-11-19T15:00:00-08:00', due: '2026-11-20 10:00' },
  { phrase: 'Can you send it by Monday 3pm?', due: '2026-11-23 15:00' },
  { phrase: 'We need it by end of day tomorrow.', due: '2026-11-20 17:00' },
  { phrase: 'Due 10 a.m. tomorrow.', due: '2026-11-20 10:00' },
];

function local(ms: number, timed: boolean): string {
  const iso = new Date(ms + PT * 60_000).toISOString();
  return timed ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

function ownReading(row: Row): string | undefined {
  const sent = Date.parse(row.sent ?? THURSDAY_MORNING);
  const found = findDeadline(row.phrase.toLowerCase(), sent, sent, PT);
  return found ? local(found.dueMs, row.due.includes(':')) : undefined;
}

function chronoReading(row: Row): string | undefined {
  const sent = new Date(row.sent ?? THURSDAY_MORNING);
  const [first] = chrono.parse(row.phrase, { instant: sent, timezone: PT }, { forwardDate: true });
  return first ? local(first.start.date().getTime(), row.due.includes(':')) : undefined;
}

describe('deadline phrases, read against the mail’s own date', () => {
  for (const row of TABLE) {
    it(`"${row.phrase}" sent ${row.sent ?? THURSDAY_MORNING} is due ${row.due}`, () => {
      expect(ownReading(row)).toBe(row.due);
    });
  }

  it('reads the table better than chrono-node, which is why the engine does not ship it', () => {
    const own = TABLE.filter((row) => ownReading(row) === row.due).length;
    const chronoMisses = TABLE.filter((row) => chronoReading(row) !== row.due).map((row) => row.phrase);
    expect(own).toBe(TABLE.length);
    // chrono knows no business words (EOD, COB, end of day) and reads "first thing" as the time of sending.
    expect(chronoMisses).toEqual(
      expect.arrayContaining([
        'Send the figures by end of day.',
        'Numbers EOD please.',
        'Need the signed copy by COB.',
        'Please send it first thing tomorrow.',
      ]),
    );
    expect(TABLE.length - chronoMisses.length).toBeLessThan(own);
  });
});

describe('deadlines in triage', () => {
  const thursday = { ...CTX, now: '2026-11-19T08:20:00-08:00' };

  it('"by Thursday" in a mail sent on Thursday morning is due today, not overdue', () => {
    const r = triage(
      mail({ body: 'Can you send the report by Thursday?', date: THURSDAY_MORNING }),
      thursday,
    );
    expect(r.urgency).toBe('high');
    expect(r.reasons[0]?.text).toBe('due today');
  });

  it('"within the next 30 minutes" is high and says how long is left', () => {
    const r = triage(
      mail({ body: 'Could you approve the refund in the next 30 minutes?', date: THURSDAY_MORNING }),
      thursday,
    );
    expect(r.urgency).toBe('high');
    expect(r.reasons[0]?.text).toBe('due in 20 min');
  });

  it('a deadline that passed earlier today stays high as overdue since its time', () => {
    const noon = { ...CTX, now: '2026-11-19T12:00:00-08:00' };
    const r = triage(
      mail({ body: 'Please send me the signed form before 10:00.', date: THURSDAY_MORNING, unread: true }),
      noon,
    );
    expect(r.urgency).toBe('high');
    expect(r.reasons[0]?.text).toBe('overdue since 10am');
  });

  it('reads the writer’s clock and shows the user’s: 5pm in New York is 2pm in California', () => {
    const r = triage(
      mail({ body: 'Please send the numbers by 5pm.', date: '2026-11-19T11:10:00-05:00' }),
      thursday,
    );
    expect(r.reasons[0]?.text).toBe('due today 2pm');
  });

  it('a date the mail itself moves is superseded: "moved from Thursday to Monday"', () => {
    const r = triage(
      mail({
        body: 'The review moved from Thursday to Monday, please send your notes by then.',
        date: THURSDAY_MORNING,
      }),
      thursday,
    );
    expect(r.reasons.map((x) => x.text)).not.toContain('due today');
    expect(r.reasons.map((x) => x.text)).toContain('due Mon');
  });

  it('without ctx.now the user’s zone is the runtime’s, not UTC', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-19T08:20:00-08:00'));
    try {
      const r = triage(mail({ body: 'Send it by 5pm.', date: '2026-11-19T16:10:00.000Z' }), {
        userEmails: CTX.userEmails,
      });
      expect(r.reasons[0]?.text).toBe('due today 5pm');
    } finally {
      vi.useRealTimers();
      process.env.TZ = zone;
      if (zone === undefined) delete process.env.TZ;
    }
  });
});

describe('whose deadline, and whether it still counts', () => {
  const thursday = { ...CTX, now: '2026-11-19T09:40:00-08:00' };

  it('a time in the user’s zone ("7:00 your time") is read in the user’s zone', () => {
    const r = triage(
      mail({
        body: 'Our board call is at 7:00 your time tomorrow morning. Please send the status before that.',
        date: '2026-11-18T18:00:00+09:00',
        unread: true,
      }),
      thursday,
    );
    expect(r.urgency).toBe('high');
    expect(r.reasons[0]?.text).toBe('overdue since 7am');
  });

  it('named zones move the clock: "16:00 UK today" from London is 8am in California', () => {
    const r = triage(mail({ body: 'Please confirm by 16:00 UK today.', date: '2026-11-19T14:00:00+00:00' }), {
      ...CTX,
      now: '2026-11-19T06:30:00-08:00',
    });
    expect(r.reasons[0]?.text).toBe('due in 90 min');
  });

  it('reads "today" in other languages', () => {
    for (const body of [
      '¿Puedes enviarme el contrato hoy?',
      'Kannst du mir den Vertrag bitte heute schicken?',
      '请您今天确认合同。',
    ]) {
      const r = triage(mail({ body, date: '2026-11-19T08:10:00-08:00' }), thursday);
      expect(r.urgency, body).toBe('high');
      expect(r.reasons[0]?.text, body).toBe('due today');
    }
  });

  it('a mail that says nothing is needed, or recounts a past deadline, stays low', () => {
    const cases = [
      'Sorted it myself this morning, no action needed from you. The report was due today.',
      'No rush at all: could you send me the slides by Friday if you find them?',
      'Great work everyone, we had to have the demo ready by 9am and we made it.',
    ];
    for (const body of cases) {
      const r = triage(mail({ body, date: '2026-11-19T08:10:00-08:00' }), thursday);
      expect(r.urgency, body).toBe('low');
    }
  });

  it('a deadline that passed days ago, or a robot’s expiry, is not raised', () => {
    const stale = triage(
      mail({ body: 'Please claim your seat in the next 15 minutes.', date: '2026-11-18T08:10:00-08:00' }),
      thursday,
    );
    expect(stale.urgency).toBe('low');
    const code = triage(
      mail({
        from: { name: 'Okta', email: 'noreply@okta.example' },
        subject: 'Your code',
        body: 'Your verification code is 482913. It expires in 10 minutes.',
        date: '2026-11-19T09:20:00-08:00',
      }),
      thursday,
    );
    expect(code.urgency).toBe('low');
    expect(code.reasons.map((x) => x.text)).toContain('one-time code, expired');
  });

  it('a question about when to meet is not a deadline', () => {
    const r = triage(
      mail({ body: 'Are you free for lunch on Thursday?', date: '2026-11-17T08:10:00-08:00' }),
      thursday,
    );
    expect(r.reasons.some((x) => x.text.startsWith('due '))).toBe(false);
    expect(r.urgency).toBe('medium');
  });
});
