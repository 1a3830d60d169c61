import { expect, test } from '@playwright/test';
import { SAMPLE_MAILS } from './gmail-mails';
import {
  connectToApi,
  launchWithExtension,
  makeInboxHtml,
  openGmail,
  readRowBadges,
  routeGmail,
  setApiUrl,
  startApi,
  waitForBadges,
} from './harness';

const THREADS = SAMPLE_MAILS.length;

test('badges appear from local rules when the API is down', async () => {
  // A port that was just free: nothing listens there any more.
  const gone = await startApi();
  await gone.close();
  const browser = await launchWithExtension();
  try {
    await setApiUrl(browser.serviceWorker, gone.url);
    await routeGmail(browser.context, makeInboxHtml(THREADS));
    const page = await openGmail(browser.context, { expectedBadges: THREADS });
    const rows = await readRowBadges(page);
    expect(rows).toHaveLength(THREADS);
    for (const row of rows) {
      expect(row.badges).toBe(1);
      expect(row.source).toBe('rules');
      expect(row.title).toContain('Source: local rules');
      expect(row.rowUrgency).toMatch(/^(high|medium|low)$/);
    }
    // Retries with backoff give up within seconds; the local result stays.
    await page.waitForTimeout(2_500);
    expect((await readRowBadges(page)).every((row) => row.source === 'rules' && row.badges === 1)).toBe(true);
  } finally {
    await browser.close();
  }
});

test('revisiting shows the cached server badges, even with the API gone', async () => {
  const api = await startApi();
  const browser = await launchWithExtension();
  try {
    await connectToApi(browser, api);
    await routeGmail(browser.context, makeInboxHtml(THREADS));
    const first = await openGmail(browser.context);
    await waitForBadges(first, THREADS, 'server');
    const served = await readRowBadges(first);
    await first.close();
    await api.close();

    const again = await openGmail(browser.context);
    await waitForBadges(again, THREADS, 'cache', 5_000);
    const cached = await readRowBadges(again);
    expect(cached.map((row) => row.urgency)).toEqual(served.map((row) => row.urgency));
    expect(cached.every((row) => row.badges === 1 && row.title?.includes('(cached)'))).toBe(true);
  } finally {
    await browser.close();
    await api.close();
  }
});
