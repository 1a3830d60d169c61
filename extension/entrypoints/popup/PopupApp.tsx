import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ApiStatusLine } from '../../components/ApiStatusLine';
import type { ApiStatus, UrgencyCounts } from '../../platform/messages';
import { requestCounts, requestStatus } from '../../platform/runtime-requests';

export function PopupApp() {
  const [status, setStatus] = useState<ApiStatus | null>(null);
  const [counts, setCounts] = useState<UrgencyCounts | null>(null);

  useEffect(() => {
    requestStatus().then(setStatus, () => setStatus(null));
    requestCounts().then(setCounts, () => setCounts(null));
  }, []);

  return (
    <main>
      <h1>Brody</h1>
      <ApiStatusLine status={status} />
      <section aria-labelledby="counts-title">
        <h2 id="counts-title" style={{ fontSize: 14, margin: '8px 0 0' }}>
          Triaged mails
        </h2>
        {counts ? (
          <dl data-testid="counts">
            <dt>High</dt>
            <dd data-urgency="high">{counts.high}</dd>
            <dt>Medium</dt>
            <dd data-urgency="medium">{counts.medium}</dd>
            <dt>Low</dt>
            <dd data-urgency="low">{counts.low}</dd>
            <dt>Total</dt>
            <dd data-urgency="total">{counts.total}</dd>
          </dl>
        ) : (
          <p>Loading…</p>
        )}
      </section>
      <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
        Settings
      </a>
    </main>
  );
}
