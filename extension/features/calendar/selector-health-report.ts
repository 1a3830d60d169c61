/**
 * Records which form of each Calendar selector matched, per part of Calendar (the grid, an event's
 * details dialog, the full event page), so the options page can say in plain words when Calendar
 * changed its page and briefs stopped appearing. A part not on screen keeps what was last seen of it.
 */
import type { Feature } from '../../platform/feature-runner';
import { observe } from '../../platform/observe';
import {
  type CalendarPart,
  type CalendarSelectorHealth,
  getSetting,
  setSetting,
} from '../../platform/settings';
import { type CalendarView, showsEvents } from '../../sites/calendar/detect';
import { readChips } from '../../sites/calendar/read';
import {
  CALENDAR,
  CALENDAR_PART,
  type CalendarSelectorName,
  calendarSelectorHealth,
} from '../../sites/calendar/selectors';
import { currentView, pageSignature, readOpenEvent, whenOpenEventChanges } from './open-event';

const PART_ROOT: Record<CalendarPart, CalendarSelectorName> = {
  grid: 'dayColumn',
  dialog: 'detailsDialog',
  page: 'editPage',
};

export interface CalendarCheck {
  forms: Record<CalendarSelectorName, string | null>;
  events: number;
  /** The open event's reading succeeded, for the part it was open in. */
  read?: { where: 'dialog' | 'page'; ok: boolean };
}

/** The new report: parts on screen now are taken as they are, the others as they were last seen. */
export function mergeCalendarHealth(
  previous: CalendarSelectorHealth | null,
  check: CalendarCheck,
  at: string,
): CalendarSelectorHealth {
  const showing = (part: CalendarPart) => check.forms[PART_ROOT[part]] !== null;
  const forms: Record<string, string | null> = {};
  for (const name of Object.keys(CALENDAR) as CalendarSelectorName[]) {
    forms[name] = showing(CALENDAR_PART[name]) ? check.forms[name] : (previous?.forms[name] ?? null);
  }
  const seen = { ...previous?.seen };
  for (const part of ['grid', 'dialog', 'page'] as const) if (showing(part)) seen[part] = at;
  const read = { ...previous?.read, ...(check.read ? { [check.read.where]: check.read.ok } : {}) };
  const events = showing('grid') ? check.events : previous?.events;
  return { checkedAt: at, forms, seen, read, ...(events !== undefined ? { events } : {}) };
}

/** Calendar fills a dialog's sections a moment after it opens; check once they have settled. */
const SETTLE_MS = 800;

export const calendarSelectorHealthReport: Feature<CalendarView> = {
  name: 'calendar-selector-health-report',
  matches: showsEvents,
  init(signal) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const record = async (): Promise<void> => {
      if (signal.aborted) return;
      const view = currentView();
      const open = view.kind === 'edit' || pageSignature(view) !== 'none';
      const event = open ? readOpenEvent(view) : null;
      const forms = calendarSelectorHealth(document);
      const where = event?.where ?? (view.kind === 'edit' || forms.editPage ? 'page' : 'dialog');
      const check: CalendarCheck = {
        forms,
        events: readChips(document).length,
        ...(open ? { read: { where, ok: event !== null } } : {}),
      };
      const previous = await getSetting('calendarSelectorHealth');
      if (signal.aborted) return;
      await setSetting(
        'calendarSelectorHealth',
        mergeCalendarHealth(previous, check, new Date().toISOString()),
      ).catch(() => undefined);
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void record().catch(() => undefined), SETTLE_MS);
    };
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    later();
    observe('body', later, {
      signal,
      needsHandling: whenOpenEventChanges(),
      ignoreNode: (node) => node instanceof Element && node.hasAttribute('data-brody-panel'),
    });
  },
};
