import { expect, test } from '@playwright/test';
import { SAMPLE_MAILS } from './gmail-mails';
import {
  connectToApi,
  type ExtensionBrowser,
  type ExtensionSession,
  makeInboxHtml,
  openGmail,
  type RunningApi,
  readRowBadges,
  startExtensionSession,
  waitForBadges,
} from './harness';

const THREADS = SAMPLE_MAILS.length;
let browser: ExtensionBrowser;
let api: RunningApi;

let session: ExtensionSession;

test.beforeAll(async () => {
  // The extension stays on its default address: the options page test points it at this API.
  session = await startExtensionSession(makeInboxHtml(THREADS), { pointAtApi: false });
  ({ api, browser } = session);
});
test.afterAll(() => session?.close());

test('options: set the API URL, test the connection, and save', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const input = page.getByLabel('API URL');
  await expect(input).toHaveValue('http://127.0.0.1:8787');
  await input.fill(api.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  // The API status line is the page's first status region; the AI and priorities sections have their own.
  await expect(page.getByRole('status').first()).toContainText('API reachable (pglite');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Saved.');
  await input.fill('not a url');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter an http(s) URL');
  await page.close();
});

test('popup: API status and the count of mail rated high', async () => {
  await connectToApi(browser, api);
  const gmail = await openGmail(browser.context);
  await waitForBadges(gmail, THREADS, 'server');
  const rows = await readRowBadges(gmail);
  const expected = { high: 0, medium: 0, low: 0 };
  for (const row of rows) expected[row.urgency as keyof typeof expected]++;
  await gmail.close();

  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await expect(page.getByRole('status').filter({ hasText: 'API reachable' })).toBeVisible();
  // Today counts every thread rated high beside its urgent-mail list.
  await expect(page.locator('#urgent-title')).toHaveText(
    expected.high > 0 ? `Urgent mail (${expected.high} rated high)` : 'Urgent mail',
  );
  await page.close();
});

test('options: the Gmail page check shows which selectors matched', async () => {
  const gmail = await openGmail(browser.context, { expectedBadges: THREADS });
  await expect
    .poll(async () =>
      browser.serviceWorker.evaluate(async () => {
        const chromeApi = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome;
        return (await chromeApi.storage.local.get('gmailSelectorHealth')).gmailSelectorHealth !== undefined;
      }),
    )
    .toBe(true);
  await gmail.close();

  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await expect(page.locator('tr[data-selector="threadRow"] td')).toHaveText('Found');
  await expect(page.locator('tr[data-selector="threadIdHolder"] td')).toHaveText('Found');
  await expect(page.locator('tr.problem')).toHaveCount(0);
  // Plain words on what works, and no internal selector names on the page.
  await expect(page.getByTestId('health-summary')).toHaveText(
    `Brody works on your Gmail: it put a badge on ${THREADS} of ${THREADS} mail rows in the list it checked.`,
  );
  await expect(page.locator('main')).not.toContainText(/threadList|threadRow|MISSING/);
  await page.close();
});
