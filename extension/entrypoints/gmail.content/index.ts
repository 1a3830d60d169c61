import './style.css';
import { rowUrgencyBadge } from '../../features/gmail/row-urgency-badge';
import { selectorHealthReport } from '../../features/gmail/selector-health-report';
import { type Feature, startFeatureRuns } from '../../platform/feature-runner';
import { detectGmailView, type GmailView } from '../../sites/gmail/detect';

const FEATURES: readonly Feature<GmailView>[] = [rowUrgencyBadge, selectorHealthReport];

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
