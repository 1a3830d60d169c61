import { describe, expect, it } from 'vitest';
import { CALENDAR_VIEW_EXAMPLES, detectCalendarView } from '../../extension/sites/calendar/detect';

describe('Calendar view detector', () => {
  for (const [kind, urls] of Object.entries(CALENDAR_VIEW_EXAMPLES)) {
    it.each(urls)(`${kind}: %s`, (url) => {
      expect(detectCalendarView(url).kind).toBe(kind);
    });
  }

  it('reads the event id and the date from the URL', () => {
    expect(
      detectCalendarView(
        'https://calendar.google.com/calendar/u/0/r/eventedit/YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
      ),
    ).toEqual({
      kind: 'edit',
      eid: 'YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
    });
    expect(
      detectCalendarView('https://calendar.google.com/calendar/event?eid=YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t'),
    ).toEqual({
      kind: 'event',
      eid: 'YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
    });
    expect(detectCalendarView('https://calendar.google.com/calendar/u/1/r/week/2026/12/3')).toEqual({
      kind: 'grid',
      range: 'week',
      date: '2026-12-3',
    });
  });

  it('lets body[data-viewfamily] settle a path Calendar has not changed yet', () => {
    expect(detectCalendarView('https://calendar.google.com/calendar/u/0/r/week', 'EVENT_EDIT').kind).toBe(
      'edit',
    );
    expect(detectCalendarView('https://calendar.google.com/calendar/u/0/', 'EVENT').kind).toBe('grid');
    expect(detectCalendarView('not a url').kind).toBe('other');
  });
});
