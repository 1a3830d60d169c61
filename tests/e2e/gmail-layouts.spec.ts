import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { SAMPLE_MAILS } from './gmail-mails';
import {
  type ExtensionBrowser,
  type ExtensionSession,
  type GmailRoute,
  makeInboxHtml,
  openGmail,
  readRowBadges,
  startExtensionSession,
  waitForBadges,
} from './harness';

const THREADS = SAMPLE_MAILS.length;
let browser: ExtensionBrowser;
let gmail: GmailRoute;

let session: ExtensionSession;

test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(THREADS));
  ({ browser, gmail } = session);
});

test.afterAll(() => session?.close());

/** WCAG contrast ratio of each badge's text against its own background. */
async function badgeContrasts(page: Page): Promise<{ urgency: string; ratio: number }[]> {
  return page.$$eval('.brody-badge', (badges) => {
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (colour: string) => {
      const [r = 0, g = 0, b = 0] = rgb(colour).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return badges.map((badge) => {
      // The label draws the badge's colours (style.css).
      const style = getComputedStyle(badge.firstElementChild as Element);
      const [hi, lo] = [lum(style.color), lum(style.backgroundColor)].sort((a, b) => b - a) as [
        number,
        number,
      ];
      return { urgency: (badge as HTMLElement).dataset.brodyUrgency ?? '', ratio: (hi + 0.05) / (lo + 0.05) };
    });
  });
}

test('dark theme: badges switch palette and stay readable', async () => {
  gmail.setHtml(makeInboxHtml(THREADS, { theme: 'dark' }));
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  expect(await page.evaluate(() => document.documentElement.dataset.brodyTheme)).toBe('dark');
  const contrasts = await badgeContrasts(page);
  expect(new Set(contrasts.map((entry) => entry.urgency)).size).toBe(3);
  for (const entry of contrasts) expect(entry.ratio, entry.urgency).toBeGreaterThanOrEqual(4.5);
  const badgeBg = await page.$eval(
    '.brody-badge--low',
    (badge) => getComputedStyle(badge.firstElementChild as Element).backgroundColor,
  );
  expect(badgeBg).toBe('rgb(60, 64, 67)');
  await page.close();
});

test('light theme badges are readable too, and a screenshot is kept', async () => {
  gmail.setHtml(makeInboxHtml(THREADS));
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  await waitForBadges(page, THREADS, 'api');
  expect(await page.evaluate(() => document.documentElement.dataset.brodyTheme)).toBe('light');
  for (const entry of await badgeContrasts(page))
    expect(entry.ratio, entry.urgency).toBeGreaterThanOrEqual(4.5);
  const dir = join(import.meta.dirname, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'inbox.png') });
  // Keyboard focus shows the reasons in Brody's own tooltip.
  await page.locator('.brody-badge').first().focus();
  const tooltip = page.locator('#brody-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Urgency');
  await expect(tooltip).toContainText('Source: Brody server');
  await page.close();
});

test('real 2014 Gmail markup without thread ids: every row decorated under a derived key', async () => {
  gmail.setHtml(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'gmail', 'inbox-list-2014-inboxsdk.html'),
      'utf8',
    ),
  );
  const page = await openGmail(browser.context, { expectedBadges: 16 });
  await waitForBadges(page, 16, 'api');
  const rows = await readRowBadges(page);
  expect(rows).toHaveLength(16);
  expect(rows.every((row) => row.badges === 1 && row.rowKey?.startsWith('k:'))).toBe(true);
  await page.close();
});

test('vertical preview pane: one badge per thread, on the thread, not per tr', async () => {
  gmail.setHtml(makeInboxHtml(THREADS, { layout: 'vertical' }));
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  await page.waitForTimeout(300);
  expect(await page.locator('tr.zA').count()).toBe(THREADS * 3);
  expect(await page.locator('.brody-badge').count()).toBe(THREADS);
  expect(await page.locator('tr.zA[data-brody-urgency]').count()).toBe(THREADS);
  const rows = await readRowBadges(page);
  expect(rows).toHaveLength(THREADS);
  expect(rows.every((row) => row.badges === 1 && row.rowUrgency === row.urgency)).toBe(true);
  await page.close();
});

// Timing of large lists is measured by `npm run bench` (tests/bench/browser.ts), not asserted here.
for (const count of [100, 500]) {
  test(`${count} rows: every row decorated exactly once`, async () => {
    gmail.setHtml(makeInboxHtml(count));
    const page = await browser.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await waitForBadges(page, count, undefined, 30_000);
    expect(await page.locator('tr.zA[data-brody-urgency]').count()).toBe(count);
    const rows = await readRowBadges(page);
    expect(rows).toHaveLength(count);
    expect(rows.filter((row) => row.badges !== 1)).toEqual([]);
    expect(new Set(rows.map((row) => row.rowKey)).size).toBe(count);
    await page.close();
  });
}
