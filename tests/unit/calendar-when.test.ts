import { describe, expect, it } from 'vitest';
import { decodeDateKey, encodeDateKey, parseWhen } from '../../extension/sites/calendar/when';

const paris = { timeZone: 'Europe/Paris', now: new Date('2026-12-01T12:00:00Z') };

describe('the When line', () => {
  it.each([
    ['Thursday, December 3⋅10:00 – 11:00am', '2026-12-03T10:00:00+01:00', '2026-12-03T11:00:00+01:00'],
    ['Thursday, December 3, 2026 ⋅ 11:30 – 1:00pm', '2026-12-03T11:30:00+01:00', '2026-12-03T13:00:00+01:00'],
    ['Thursday, December 3⋅14:00 – 15:30', '2026-12-03T14:00:00+01:00', '2026-12-03T15:30:00+01:00'],
    ['Friday, March 27, 2026⋅9am – 5pm', '2026-03-27T09:00:00+01:00', '2026-03-27T17:00:00+01:00'],
    ['Thu, Dec 3, 10pm – Fri, Dec 4, 1am', '2026-12-03T22:00:00+01:00', '2026-12-04T01:00:00+01:00'],
    ['Tuesday, December 1, 2026⋅10:00am – 11:00am', '2026-12-01T10:00:00+01:00', '2026-12-01T11:00:00+01:00'],
    ['Thursday, December 3⋅12:00 – 1:00pm', '2026-12-03T12:00:00+01:00', '2026-12-03T13:00:00+01:00'],
    ['Dec 3, 2026, 10:00am – Dec 3, 2026, 11:00am', '2026-12-03T10:00:00+01:00', '2026-12-03T11:00:00+01:00'],
  ])('%s', (text, start, end) => {
    expect(parseWhen(text, paris)).toEqual({ start, end, allDay: false, timeZone: 'Europe/Paris' });
  });

  it('reads all-day and multi-day events with an exclusive end', () => {
    expect(parseWhen('Thursday, December 3', paris)).toEqual({
      start: '2026-12-03T00:00:00+01:00',
      end: '2026-12-04T00:00:00+01:00',
      allDay: true,
      timeZone: 'Europe/Paris',
    });
    expect(parseWhen('December 3 – 4, 2026', paris)?.end).toBe('2026-12-05T00:00:00+01:00');
    expect(parseWhen('December 30, 2026 – January 2, 2027', paris)).toMatchObject({
      start: '2026-12-30T00:00:00+01:00',
      end: '2027-01-03T00:00:00+01:00',
    });
  });

  it('takes a zone the text names over the user zone', () => {
    expect(
      parseWhen('Thursday, December 3⋅2:00 – 3:30pm (GMT-05:00) Eastern Time - New York', paris),
    ).toEqual({
      start: '2026-12-03T14:00:00-05:00',
      end: '2026-12-03T15:30:00-05:00',
      allDay: false,
      timeZone: 'UTC-05:00',
    });
  });

  it('gives each end of a daylight-saving change its own offset', () => {
    expect(parseWhen('Sunday, March 29, 2026⋅1:30 – 3:30am', paris)).toMatchObject({
      start: '2026-03-29T01:30:00+01:00',
      end: '2026-03-29T03:30:00+02:00',
    });
    expect(parseWhen('Sunday, March 29, 2026⋅1:30 – 3:30am', { timeZone: 'America/New_York' })?.start).toBe(
      '2026-03-29T01:30:00-04:00',
    );
  });

  it('picks the year from context, else the nearest one', () => {
    expect(parseWhen('January 5⋅9 – 10am', paris)?.start).toBe('2027-01-05T09:00:00+01:00');
    expect(parseWhen('January 5⋅9 – 10am', { ...paris, year: 2030 })?.start).toBe(
      '2030-01-05T09:00:00+01:00',
    );
  });

  it('answers null for text that is not a date', () => {
    for (const text of ['', 'garbage', 'Weekly on Monday', 'Room 4B', 'Smarch 40⋅10 – 11am'])
      expect(parseWhen(text, paris), text).toBeNull();
  });
});

describe('data-datekey', () => {
  it('round-trips days', () => {
    expect(decodeDateKey(String(encodeDateKey(2026, 12, 3)))).toEqual({ year: 2026, month: 12, day: 3 });
    expect(decodeDateKey('29059')).toEqual({ year: 2026, month: 12, day: 3 });
    expect(decodeDateKey('abc')).toBeNull();
    expect(decodeDateKey(null)).toBeNull();
  });
});
