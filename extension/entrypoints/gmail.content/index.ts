import './style.css';
import { ruleConfirmation } from '../../features/gmail/badge-correction-confirm';
import { rowUrgencyBadge } from '../../features/gmail/row-urgency-badge';
import { selectorHealthReport } from '../../features/gmail/selector-health-report';
import { threadSummaryCard } from '../../features/gmail/thread-summary-card';
import { type Feature, startFeatureRuns } from '../../platform/feature-runner';
import { detectGmailView, type GmailView } from '../../sites/gmail/detect';

const FEATURES: readonly Feature<GmailView>[] = [
  rowUrgencyBadge,
  selectorHealthReport,
  threadSummaryCard,
  ruleConfirmation,
];

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  main(ctx) {
    startFeatureRuns({
      features: FEATURES,
      detectView: () => detectGmailView(location.href),
      signal: ctx.signal,
      onNavigate: (restart, signal) => window.addEventListener('hashchange', restart, { signal }),
    });
  },
});
