/** Shift+H over Google Calendar lists every Brody key (see components/shortcut-help-key.ts). */
import { installShortcutHelpKey } from '../../components/shortcut-help-key';
import type { Feature } from '../../platform/feature-runner';
import type { CalendarView } from '../../sites/calendar/detect';

export const calendarShortcutHelpKey: Feature<CalendarView> = {
  name: 'calendar-shortcut-help-key',
  matches: () => true,
  init(signal) {
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    installShortcutHelpKey('calendar', dark ? 'dark' : 'light', signal);
  },
};
