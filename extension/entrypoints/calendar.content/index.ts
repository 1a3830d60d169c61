import { briefPanel } from '../../features/calendar/brief-panel';
import { calendarSelectorHealthReport } from '../../features/calendar/selector-health-report';
import { calendarShortcutHelpKey } from '../../features/calendar/shortcut-help-key';
import { type Feature, startFeatureRuns } from '../../platform/feature-runner';
import { startSyncTicks } from '../../platform/sync-ticks';
import { type CalendarView, detectCalendarView } from '../../sites/calendar/detect';

const FEATURES: readonly Feature<CalendarView>[] = [
  briefPanel,
  calendarShortcutHelpKey,
  calendarSelectorHealthReport,
];

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startSyncTicks(ctx.signal);
    startFeatureRuns({
      features: FEATURES,
      detectView: () => detectCalendarView(location.href, document.body?.dataset.viewfamily),
      signal: ctx.signal,
      // Calendar moves between views with the History API, which only WXT's location watcher sees.
      onNavigate: (restart) => ctx.addEventListener(window, 'wxt:locationchange', restart),
    });
  },
});
