import './style.css';
import { addTaskKey } from '../../features/gmail/add-task-key';
import { ruleConfirmation } from '../../features/gmail/badge-correction-confirm';
import { rowTaskButton } from '../../features/gmail/row-task-button';
import { rowUrgencyBadge } from '../../features/gmail/row-urgency-badge';
import { selectorHealthReport } from '../../features/gmail/selector-health-report';
import { shortcutHelpKey } from '../../features/gmail/shortcut-help-key';
import { threadSummaryCard } from '../../features/gmail/thread-summary-card';
import { type Feature, startFeatureRuns } from '../../platform/feature-runner';
import { startSyncTicks } from '../../platform/sync-ticks';
import { detectGmailView, type GmailView } from '../../sites/gmail/detect';

const FEATURES: readonly Feature<GmailView>[] = [
  rowUrgencyBadge,
  selectorHealthReport,
  threadSummaryCard,
  ruleConfirmation,
  rowTaskButton,
  addTaskKey,
  shortcutHelpKey,
];

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  main(ctx) {
    startSyncTicks(ctx.signal);
    startFeatureRuns({
      features: FEATURES,
      detectView: () => detectGmailView(location.href),
      signal: ctx.signal,
      onNavigate: (restart, signal) => window.addEventListener('hashchange', restart, { signal }),
    });
  },
});
