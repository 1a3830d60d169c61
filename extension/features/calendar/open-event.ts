/**
 * Which event the page shows right now, and a cheap signature that changes when Calendar opens,
 * fills, rebuilds or closes it: the panel reads the event again only when the signature moves.
 */
import { type CalendarView, detectCalendarView } from '../../sites/calendar/detect';
import { type ReadEvent, readDetailsDialog, readEditPage } from '../../sites/calendar/read';
import { CALENDAR, queryFirst } from '../../sites/calendar/selectors';

export interface OpenEvent {
  event: ReadEvent;
  where: 'dialog' | 'page';
}

function userZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function currentView(): CalendarView {
  return detectCalendarView(location.href, document.body?.dataset.viewfamily);
}

/** Text length is enough: Calendar's fills and rebuilds change what the sections hold. */
export function pageSignature(view: CalendarView): string {
  if (view.kind === 'edit' || (view.kind === 'event' && queryFirst(document, CALENDAR.editPage))) {
    const page = queryFirst(document, CALENDAR.editPage);
    return page
      ? `edit:${view.eid ?? ''}:${page.textContent?.length ?? 0}:${queryFirst(document, CALENDAR.editLocation)?.getAttribute('value') ?? ''}`
      : 'none';
  }
  const dialog = queryFirst(document, CALENDAR.detailsDialog);
  const body = dialog ? queryFirst(dialog, CALENDAR.detailsBody) : null;
  if (!body) return 'none';
  return `dialog:${body.getAttribute('data-eventid')}:${body.textContent?.length ?? 0}:${body.querySelectorAll('[data-email]').length}`;
}

/**
 * An observer filter that lets a batch of mutations through only when the opened event (or the
 * lack of one) changed since the last batch it let through.
 */
export function whenOpenEventChanges(): () => boolean {
  let signature = '';
  return () => {
    const next = pageSignature(currentView());
    if (next === signature) return false;
    signature = next;
    return true;
  };
}

export function readOpenEvent(view: CalendarView): OpenEvent | null {
  const context = { timeZone: userZone() };
  // An event opened by its link (`/calendar/event?eid=…`) shows the full event page when Calendar
  // renders it in place, and the grid with the details dialog otherwise: the page is read first.
  if (view.kind === 'edit' || view.kind === 'event') {
    const event = readEditPage(document, view.eid, context);
    if (event || view.kind === 'edit') return event ? { event, where: 'page' } : null;
  }
  const event = readDetailsDialog(document, context);
  return event ? { event, where: 'dialog' } : null;
}
