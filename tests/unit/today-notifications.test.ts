import { beforeAll, describe, expect, it } from 'vitest';
import { digestText, nextDigestAt, urgentText } from '../../extension/background/notifications/messages';
import { EMPTY_TODAY, type TodayData } from '../../extension/background/today/load';

beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});

describe('digest time', () => {
  it('fires at the user’s local time today when still ahead, else tomorrow', () => {
    const morning = new Date('2026-12-01T06:00:00Z'); // 07:00 in Berlin
    expect(new Date(nextDigestAt(morning, '08:30')).toISOString()).toBe('2026-12-01T07:30:00.000Z');
    const late = new Date('2026-12-01T07:30:00Z'); // exactly 08:30 in Berlin: the next one is tomorrow
    expect(new Date(nextDigestAt(late, '08:30')).toISOString()).toBe('2026-12-02T07:30:00.000Z');
  });
});

describe('notification text', () => {
  const empty: TodayData = EMPTY_TODAY;

  it('the digest counts the day and names what comes first', () => {
    const today: TodayData = {
      ...empty,
      meetings: [
        {
          event: {
            id: 'e',
            title: 'Design review',
            start: '2026-12-01T09:00:00Z',
            allDay: false,
            attendees: [],
            attendeeEmails: [],
            seenAt: 1,
          },
          prep: 'ready',
        },
      ],
      urgent: [
        { id: 'a', subject: 's', reason: 'r', unread: true },
        { id: 'b', subject: 't', reason: 'r', unread: true },
      ],
    };
    expect(digestText(today)).toEqual({
      title: 'Prepare your day',
      message: '1 meeting · 0 top tasks · 2 urgent mails · 0 replies owed\nFirst: Design review',
    });
    expect(digestText(empty).message).toBe('0 meetings · 0 top tasks · 0 urgent mails · 0 replies owed');
  });

  it('urgent mail: one names sender and subject, several are one notification', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(urgentText([{ id: 'a', subject: hostile, from: 'Priya Raman' }])).toEqual({
      title: 'Urgent: Priya Raman',
      message: hostile,
    });
    expect(
      urgentText([
        { id: 'a', subject: 'Sign today', from: 'Legal' },
        { id: 'b', subject: 'Outage', from: 'Ops' },
      ]),
    ).toEqual({ title: '2 new urgent mails', message: 'Legal: Sign today' });
    expect(urgentText([])).toBeNull();
  });
});
