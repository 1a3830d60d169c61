/**
 * Every Google Calendar selector Brody relies on. Calendar's class names change without notice, so
 * only ids, roles and data attributes appear here, each with a second form to fall back on; the
 * selector tests check the expected match counts on saved pages.
 */
import { queryAll, queryFirst, type SelectorSpec } from '../gmail/selectors';

export { queryAll, queryFirst, type SelectorSpec };

function spec(name: string, ...forms: string[]): SelectorSpec {
  return { name, forms };
}

export const CALENDAR = {
  /** An event in a grid view (day, week, month, schedule). */
  eventChip: spec('eventChip', '[data-eventchip][data-eventid]', '[data-opens-details][data-eventid]'),
  /** A day column; `data-datekey` packs the date into one number. */
  dayColumn: spec('dayColumn', '[data-datekey][role=gridcell]', '[data-datekey]'),
  /** The details popover that opens on a chip click. */
  detailsDialog: spec(
    'detailsDialog',
    '[role=dialog][data-chips-dialog="true"]',
    'div[data-chips-dialog="true"]',
  ),
  /** The dialog's content, carrying the event's own `data-eventid`. */
  detailsBody: spec(
    'detailsBody',
    '#xDetDlg[data-eventid]',
    '[role=dialog] [data-eventid]:not([data-eventchip])',
  ),
  detailsTitle: spec('detailsTitle', '[role=heading]', 'span[role=heading]'),
  detailsWhen: spec('detailsWhen', '#xDetDlgWhen', '[data-brody-fallback-when]'),
  detailsVideo: spec('detailsVideo', '#xDetDlgVideo a[href]', '#xDetDlgVideo [data-url]'),
  detailsLocation: spec('detailsLocation', '#xDetDlgLoc', '[aria-label^="Location"]'),
  detailsGuests: spec('detailsGuests', '#xDetDlgAtt', '[aria-label="Guests invited to this event."]'),
  detailsDescription: spec('detailsDescription', '#xDetDlgDesc', '[aria-label="Description"]'),
  /** One guest: Calendar puts the address on the element and on its hovercard. */
  guest: spec('guest', '[data-email]', '[data-hovercard-id*="@"]'),
  /** The full event page. */
  editPage: spec('editPage', 'div[data-is-create]', '#xDescIn'),
  editTitle: spec(
    'editTitle',
    'input[aria-label="Title"][data-initial-value]',
    '#xTiIn input',
    'input[data-initial-value]',
  ),
  editLocation: spec(
    'editLocation',
    '#xLocIn input[aria-label]:not([disabled])',
    '#xLocIn input:not([disabled])',
  ),
  editDescription: spec('editDescription', '#xDescIn [contenteditable]', '#xDescIn [role=textbox]'),
  editStartDate: spec('editStartDate', '#xStDaIn', 'input[aria-label="Start date"]'),
  editStartTime: spec('editStartTime', '#xStTiIn', 'input[aria-label="Start time"]'),
  editEndTime: spec('editEndTime', '#xEnTiIn', 'input[aria-label="End time"]'),
  editEndDate: spec('editEndDate', '#xEnDaIn', 'input[aria-label="End date"]'),
  editTimeZone: spec('editTimeZone', '#xTzSel', '[aria-label^="Time zone"]'),
} as const satisfies Record<string, SelectorSpec>;

export type CalendarSelectorName = keyof typeof CALENDAR;

/** Which part of Calendar each selector reads: the grid, an event's details dialog, the full page. */
export const CALENDAR_PART: Record<CalendarSelectorName, 'grid' | 'dialog' | 'page'> = {
  eventChip: 'grid',
  dayColumn: 'grid',
  detailsDialog: 'dialog',
  detailsBody: 'dialog',
  detailsTitle: 'dialog',
  detailsWhen: 'dialog',
  detailsVideo: 'dialog',
  detailsLocation: 'dialog',
  detailsGuests: 'dialog',
  detailsDescription: 'dialog',
  guest: 'dialog',
  editPage: 'page',
  editTitle: 'page',
  editLocation: 'page',
  editDescription: 'page',
  editStartDate: 'page',
  editStartTime: 'page',
  editEndTime: 'page',
  editEndDate: 'page',
  editTimeZone: 'page',
};

/** Which form of each selector matches now, for the tests and a health report; `null` when none does. */
export function calendarSelectorHealth(root: ParentNode): Record<CalendarSelectorName, string | null> {
  const report = {} as Record<CalendarSelectorName, string | null>;
  for (const [name, selector] of Object.entries(CALENDAR) as [CalendarSelectorName, SelectorSpec][]) {
    report[name] = selector.forms.find((form) => root.querySelector(form) !== null) ?? null;
  }
  return report;
}
