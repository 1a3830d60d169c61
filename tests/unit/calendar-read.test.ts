// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCalendarView } from '../../extension/sites/calendar/detect';
import {
  decodeEventId,
  meetingLinkFrom,
  readChips,
  readDetailsDialog,
  readEditPage,
} from '../../extension/sites/calendar/read';
import { CALENDAR, calendarSelectorHealth, queryAll } from '../../extension/sites/calendar/selectors';
import { encodeEid, HIDDEN_LINE, IMG_TEXT, INJECTION_LINE } from '../e2e/calendar-page';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'calendar');
const context = { timeZone: 'Europe/Paris', now: new Date('2026-11-30T09:00:00Z') };

function load(name: string): Document {
  const parsed = new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
  document.body.replaceChildren(
    ...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)),
  );
  for (const attribute of Array.from(document.body.attributes)) document.body.removeAttribute(attribute.name);
  for (const attribute of Array.from(parsed.body.attributes))
    document.body.setAttribute(attribute.name, attribute.value);
  return document;
}

const PLANNING_EID = encodeEid('5q1s8vd0a2kc3qprf4l9mtn0bk', 'pat@brody.test');

describe('data-eventid', () => {
  it('decodes base64url "<event id> <calendar>"', () => {
    expect(decodeEventId(PLANNING_EID)).toEqual({
      eventId: '5q1s8vd0a2kc3qprf4l9mtn0bk',
      calendar: 'pat@brody.test',
    });
    // Padding would be "=" in plain base64; Calendar drops it.
    expect(decodeEventId(Buffer.from('abc12 x@y.co').toString('base64url'))).toEqual({
      eventId: 'abc12',
      calendar: 'x@y.co',
    });
    expect(decodeEventId(Buffer.from('only_an_id').toString('base64url'))).toEqual({ eventId: 'only_an_id' });
  });

  it('refuses what is not an event id', () => {
    expect(decodeEventId('')).toBeNull();
    expect(decodeEventId('not base64 !')).toBeNull();
    expect(decodeEventId(Buffer.from('<script> x@y.co').toString('base64url'))).toBeNull();
  });
});

describe('Calendar selectors on saved pages', () => {
  it('finds every chip of the current week view with their days', () => {
    const doc = load('week-current.html');
    expect(queryAll(doc, CALENDAR.eventChip)).toHaveLength(3);
    const chips = readChips(doc);
    expect(chips.map((chip) => chip.eventId)).toEqual([
      '5q1s8vd0a2kc3qprf4l9mtn0bk',
      '7a3kdq2l9r1c5b0mjp8vse4t6h',
      '0g7hsu2c1b8r6e1kq3m5vl9d2o',
    ]);
    expect(chips[0]?.day).toEqual({ year: 2026, month: 12, day: 1 });
    expect(
      detectCalendarView('https://calendar.google.com/calendar/u/0/r', doc.body.dataset.viewfamily).kind,
    ).toBe('grid');
    expect(readDetailsDialog(doc, context)).toBeNull();
  });

  it('each dialog selector matches its first form on the current dialog', () => {
    const health = calendarSelectorHealth(load('details-dialog-current.html'));
    for (const name of [
      'detailsDialog',
      'detailsBody',
      'detailsWhen',
      'detailsVideo',
      'detailsLocation',
      'detailsGuests',
      'detailsDescription',
      'guest',
    ] as const)
      expect(health[name], name).toBe(CALENDAR[name].forms[0]);
  });

  it('finds nothing on the 2015 classic week view and does not throw', () => {
    const doc = load('week-view-2015-classic-facebook-chat-api.html');
    expect(readChips(doc)).toEqual([]);
    expect(readDetailsDialog(doc, context)).toBeNull();
    expect(readEditPage(doc, undefined, context)).toBeNull();
  });
});

describe('the details dialog', () => {
  it('reads title, time, place, meeting link, guests and description', () => {
    const event = readDetailsDialog(load('details-dialog-current.html'), context);
    expect(event).toMatchObject({
      id: '5q1s8vd0a2kc3qprf4l9mtn0bk',
      calendar: 'pat@brody.test',
      title: 'Q1 planning',
      start: '2026-12-01T10:00:00+01:00',
      end: '2026-12-01T11:00:00+01:00',
      allDay: false,
      timeZone: 'Europe/Paris',
      location: 'Room 4B, Acme HQ',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
      descriptionHidden: false,
      link: `https://calendar.google.com/calendar/event?eid=${PLANNING_EID}`,
    });
    expect(event?.attendees).toEqual([
      { email: 'alice@acme.example', name: 'Alice Chen', response: 'accepted', organizer: true },
      { email: 'bob@acme.example', name: 'Bob Ruiz', response: 'needs_action' },
      { email: 'pat@brody.test', name: 'Pat Lee', response: 'accepted' },
    ]);
    expect(event?.organizer?.email).toBe('alice@acme.example');
    expect(event?.attendeeEmails).toEqual(['alice@acme.example', 'bob@acme.example', 'pat@brody.test']);
    expect(event?.description?.split('\n')).toEqual([
      'Agenda:',
      'Q1 budget numbers',
      'Hiring plan for the platform team',
      'Notes doc: https://docs.example/q1',
    ]);
  });

  it('drops hidden description text and keeps markup as text', () => {
    const event = readDetailsDialog(load('details-dialog-hostile-current.html'), context);
    expect(event?.descriptionHidden).toBe(true);
    expect(event?.description).not.toContain(HIDDEN_LINE);
    expect(event?.description).toContain(INJECTION_LINE);
    expect(event?.description).toContain(IMG_TEXT);
    expect(event?.meetingUrl).toBeUndefined();
  });

  it('reads a skeleton dialog as an event without guests rather than failing', () => {
    const doc = load('details-dialog-current.html');
    for (const id of ['xDetDlgWhen', 'xDetDlgAtt', 'xDetDlgDesc', 'xDetDlgVideo', 'xDetDlgLoc'])
      doc.getElementById(id)?.replaceChildren();
    const event = readDetailsDialog(doc, context);
    expect(event).toMatchObject({ id: '5q1s8vd0a2kc3qprf4l9mtn0bk', title: 'Q1 planning', attendees: [] });
    expect(event?.start).toBeUndefined();
  });
});

describe('the full event page', () => {
  it('reads the current page', () => {
    const event = readEditPage(load('event-page-current.html'), PLANNING_EID, context);
    expect(event).toMatchObject({
      id: '5q1s8vd0a2kc3qprf4l9mtn0bk',
      title: 'Q1 planning',
      location: 'Room 4B, Acme HQ',
      start: '2026-12-01T10:00:00+01:00',
      end: '2026-12-01T11:00:00+01:00',
    });
    expect(event?.attendeeEmails).toEqual(['alice@acme.example', 'bob@acme.example', 'pat@brody.test']);
    expect(event?.description).toContain('Hiring plan for the platform team');
    expect(event?.description).not.toContain('Add description');
  });

  it('reads location and description on the 2022 captures', () => {
    const withLocation = readEditPage(
      load('event-edit-with-location-2022-jidesha.html'),
      PLANNING_EID,
      context,
    );
    expect(withLocation?.location).toBe('https://talk.brave.com/yzd4Zi1B5Gf48m4X_TsNrDZSmTCdIhAvJ10Wz5gh4FA');
    // A link on another host is a location, not a meeting link Brody would offer to open.
    expect(withLocation?.meetingUrl).toBeUndefined();
    expect(withLocation?.description).toBeUndefined();
    const fresh = readEditPage(load('event-edit-new-event-2022-jidesha.html'), PLANNING_EID, context);
    expect(fresh).toMatchObject({ id: '5q1s8vd0a2kc3qprf4l9mtn0bk', attendees: [] });
    expect(fresh?.location).toBeUndefined();
    expect(fresh?.description).toBeUndefined();
  });
});

describe('meeting links', () => {
  it('keeps https Meet, Zoom and Teams links only', () => {
    expect(meetingLinkFrom(['https://us02web.zoom.us/j/123?pwd=x'])).toBe(
      'https://us02web.zoom.us/j/123?pwd=x',
    );
    expect(meetingLinkFrom(['https://teams.microsoft.com/l/meetup-join/1'])).toBe(
      'https://teams.microsoft.com/l/meetup-join/1',
    );
    expect(meetingLinkFrom(['http://meet.google.com/abc'])).toBeUndefined();
    expect(meetingLinkFrom(['https://meet.google.com.evil.example/abc'])).toBeUndefined();
    expect(meetingLinkFrom(['https://zoom.us@evil.example/j/1'])).toBeUndefined();
    expect(meetingLinkFrom(['javascript:alert(1)', 'https://meet.google.com/xyz'])).toBe(
      'https://meet.google.com/xyz',
    );
    expect(meetingLinkFrom(['https://www.google.com/url?q=https://meet.google.com/q-r-s&sa=D'])).toBe(
      'https://meet.google.com/q-r-s',
    );
  });
});
