// @vitest-environment happy-dom
/**
 * The Calendar page check: which selectors matched on the grid, the details dialog and the full
 * event page (real current-UI fixtures), and how one report carries what was seen of each part
 * across visits, so opening the week does not erase what an opened event showed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CalendarCheck,
  mergeCalendarHealth,
} from '../../extension/features/calendar/selector-health-report';
import { readChips } from '../../extension/sites/calendar/read';
import { CALENDAR, CALENDAR_PART, calendarSelectorHealth } from '../../extension/sites/calendar/selectors';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'calendar');

function check(name: string, read?: CalendarCheck['read']): CalendarCheck {
  const doc = new DOMParser().parseFromString(readFileSync(join(FIXTURES, name), 'utf8'), 'text/html');
  return { forms: calendarSelectorHealth(doc), events: readChips(doc).length, ...(read ? { read } : {}) };
}

describe('Calendar page check', () => {
  it('every selector belongs to one part of Calendar', () => {
    expect(Object.keys(CALENDAR_PART).sort()).toEqual(Object.keys(CALENDAR).sort());
  });

  it('keeps the dialog’s reading when only the grid is on screen, and takes each part as it is now', () => {
    const week = check('week-current.html');
    const dialog = check('details-dialog-current.html', { where: 'dialog', ok: true });
    const page = check('event-page-current.html', { where: 'page', ok: true });

    const first = mergeCalendarHealth(null, week, '2026-12-01T09:00:00.000Z');
    expect(first.seen).toEqual({ grid: '2026-12-01T09:00:00.000Z' });
    expect(first.forms.dayColumn).toBe(CALENDAR.dayColumn.forms[0]);
    expect(first.forms.detailsBody).toBeNull();
    expect(first.events).toBeGreaterThan(0);
    expect(first.read).toEqual({});

    const opened = mergeCalendarHealth(first, dialog, '2026-12-01T09:01:00.000Z');
    expect(opened.forms.detailsBody).toBe(CALENDAR.detailsBody.forms[0]);
    expect(opened.forms.detailsWhen).toBe(CALENDAR.detailsWhen.forms[0]);
    expect(opened.read).toEqual({ dialog: true });

    // Back on the bare grid: what the dialog showed stays, the grid is checked again.
    const back = mergeCalendarHealth(opened, week, '2026-12-01T09:02:00.000Z');
    expect(back.forms.detailsBody).toBe(CALENDAR.detailsBody.forms[0]);
    expect(back.seen).toEqual({ grid: '2026-12-01T09:02:00.000Z', dialog: '2026-12-01T09:01:00.000Z' });
    expect(back.events).toBe(first.events);

    const full = mergeCalendarHealth(back, page, '2026-12-01T09:03:00.000Z');
    expect(full.forms.editTitle).not.toBeNull();
    expect(full.read).toEqual({ dialog: true, page: true });
    expect(full.events).toBe(first.events);

    // A dialog whose event cannot be read is recorded as such, not hidden by an earlier success.
    const broken = mergeCalendarHealth(full, { ...dialog, read: { where: 'dialog', ok: false } }, 'later');
    expect(broken.read.dialog).toBe(false);
  });
});
