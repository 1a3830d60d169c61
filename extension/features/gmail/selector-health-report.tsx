/**
 * Records which form of each Gmail selector matched on the list view, so the options page can show
 * a selector that stopped matching (Google renamed a class) instead of badges silently vanishing.
 */

import { BADGE_CLASS } from '../../components/urgency-badge';
import type { Feature } from '../../platform/feature-runner';
import { setSetting } from '../../platform/settings';
import type { GmailView } from '../../sites/gmail/detect';
import { GMAIL, queryAll, queryFirst, selectorHealth } from '../../sites/gmail/selectors';

/** Gmail fills the list after the page settles; check once rows exist or after this long. */
const SETTLE_MS = 3_000;
/** Rows are badged within a frame or two of appearing; this leaves a slow machine room. */
const BADGES_MS = 1_500;

export const selectorHealthReport: Feature<GmailView> = {
  name: 'selector-health-report',
  matches: (view) => view.kind === 'list',
  init(signal) {
    const started = Date.now();
    const check = (): void => {
      if (signal.aborted) return;
      const hasRows = queryFirst(document, GMAIL.threadRow) !== null;
      if (!hasRows && Date.now() - started < SETTLE_MS) {
        setTimeout(check, 250);
        return;
      }
      // What the user cares about is whether badges appeared, so the report says how many did.
      const record = (): void => {
        if (signal.aborted) return;
        void setSetting('gmailSelectorHealth', {
          checkedAt: new Date().toISOString(),
          forms: selectorHealth(document),
          rows: queryAll(document, GMAIL.threadRow).length,
          badges: document.querySelectorAll(`.${BADGE_CLASS}[data-brody-key]`).length,
        }).catch(() => undefined);
      };
      if (hasRows) setTimeout(record, BADGES_MS);
      else record();
    };
    setTimeout(check, 250);
  },
};
