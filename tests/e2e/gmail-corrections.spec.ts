/**
 * Corrections in the real built extension: a badge corrected in one gesture becomes a learned rule
 * in Dexie, every open Gmail tab re-badges without a reload, the local engine honours it after a
 * reload, the options page lists it, and Undo takes it back everywhere.
 */
import { expect, type Page, test } from '@playwright/test';
import { ruleTopic } from '../../shared/triage';
import type { SampleMail } from './gmail-mails';
import {
  connectToApi,
  type ExtensionBrowser,
  launchWithExtension,
  makeInboxHtml,
  makeRowHtml,
  type RunningApi,
  routeGmail,
  startApi,
  waitForBadges,
} from './harness';

const ANA = 'ana@studio.example';
const MAILS: SampleMail[] = [
  {
    tag: 'ana-photos',
    fromName: 'Ana Souza',
    fromEmail: ANA,
    subject: 'Photos from the Saturday picnic',
    snippet: 'Uploaded the album, have a look when you get a chance.',
    minutesAgo: 30,
  },
  {
    tag: 'ana-invoice',
    fromName: 'Ana Souza',
    fromEmail: ANA,
    subject: 'Studio invoice reminder',
    snippet: 'Sending the studio invoice for October again, no rush.',
    minutesAgo: 60,
  },
  {
    tag: 'ana-recipe',
    fromName: 'Ana Souza',
    fromEmail: ANA,
    subject: 'That lasagna recipe',
    snippet: 'Here is the recipe I promised, enjoy.',
    minutesAgo: 90,
  },
  {
    tag: 'bob',
    fromName: 'Bob Marsh',
    fromEmail: 'bob@marsh.example',
    subject: 'Book club notes',
    snippet: 'Notes from last week are in the shared folder.',
    minutesAgo: 120,
  },
];

function inboxHtml(): string {
  const rows = MAILS.map((mail, index) => makeRowHtml(mail, 500 + index)).join('\n');
  return makeInboxHtml(0).replace('<tbody>\n', `<tbody>\n${rows}`);
}

/** Urgency per row tag, read from the row's data attribute (what other Gmail features would see). */
async function urgencies(page: Page): Promise<Record<string, string | undefined>> {
  const values = await page.$$eval('tr.zA', (rows) =>
    rows.map((row) => (row as HTMLElement).dataset.brodyUrgency),
  );
  return Object.fromEntries(MAILS.map((mail, index) => [mail.tag, values[index]]));
}

const badge = (page: Page, tag: string) =>
  page
    .locator('tr.zA')
    .nth(MAILS.findIndex((mail) => mail.tag === tag))
    .locator('.brody-badge');

let browser: ExtensionBrowser;
let api: RunningApi;

test.beforeAll(async () => {
  api = await startApi();
});
test.afterAll(async () => {
  await api?.close();
});
test.beforeEach(async () => {
  browser = await launchWithExtension();
  await connectToApi(browser, api);
  await routeGmail(browser.context, inboxHtml());
});
test.afterEach(async () => {
  await browser?.close();
});

async function openInbox(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await waitForBadges(page, MAILS.length, 'api');
  return page;
}

test('click → high for this sender: the row and the sender’s other rows change at once, in every tab, and stay after a reload', async () => {
  const page = await openInbox();
  const other = await openInbox();
  const before = await urgencies(page);
  for (const tag of ['ana-photos', 'ana-invoice', 'ana-recipe', 'bob']) expect(before[tag]).not.toBe('high');

  await badge(page, 'ana-photos').click();
  const menu = page.getByRole('menu', { name: `Correct urgency for mail from ${ANA}` });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitemradio', { name: `this sender (${ANA})` })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  // The correction is applied in the same task as the click: no frame shows the old urgency. This
  // listener runs after Brody's (the click bubbles to the document after the menu item handled it).
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (event) => {
        if (!(event.target as Element).closest('[data-brody-pick]')) return;
        (window as unknown as { __sameTask: string | undefined }).__sameTask = (
          document.querySelector('tr.zA') as HTMLElement
        ).dataset.brodyUrgency;
      },
      { once: true },
    );
  });
  await menu.locator('[data-brody-pick="high"]').click();
  expect(await page.evaluate(() => (window as unknown as { __sameTask?: string }).__sameTask)).toBe('high');
  await expect(menu).toHaveCount(0);

  const after = await urgencies(page);
  expect(after['ana-photos']).toBe('high');
  expect(after['ana-invoice']).toBe('high');
  expect(after['ana-recipe']).toBe('high');
  expect(after.bob).toBe(before.bob);
  await expect(badge(page, 'ana-invoice')).toHaveAttribute(
    'aria-description',
    new RegExp(`you marked mail from ${ANA} as high`),
  );

  // The other tab was not touched by the user: the background's published rules reach it.
  await expect.poll(async () => (await urgencies(other))['ana-recipe']).toBe('high');
  expect((await urgencies(other)).bob).toBe(before.bob);

  // The server answer for the re-asked rows also honours the rule (it was sent as context.rules).
  await expect(badge(page, 'ana-invoice')).toHaveAttribute('data-brody-source', /server|cache/);
  await expect(badge(page, 'ana-invoice')).toHaveAttribute('data-brody-urgency', 'high');

  await page.reload();
  await waitForBadges(page, MAILS.length);
  // The very first (local) paint after the reload already honours the rule.
  expect((await urgencies(page))['ana-recipe']).toBe('high');
  await waitForBadges(page, MAILS.length, 'api');
  expect((await urgencies(page))['ana-photos']).toBe('high');

  // Options lists the rule with the subject it was learned from; Undo removes it in the open tabs.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const rules = options.getByTestId('rules');
  await expect(rules.locator('li')).toHaveCount(1);
  await expect(rules).toContainText(`for mail from ${ANA}`);
  await expect(rules).toContainText('Learned from “Photos from the Saturday picnic”');
  await expect(rules.locator('li')).toHaveAttribute('data-state', 'active');
  await options.getByRole('button', { name: `Undo rule for ${ANA}` }).click();
  await expect(options.getByTestId('rules-empty')).toBeVisible();

  await expect.poll(async () => urgencies(page)).toEqual(before);
  await expect.poll(async () => urgencies(other)).toEqual(before);
  const stored = await browser.serviceWorker.evaluate(async () => {
    const open = indexedDB.open('brody');
    const db = await new Promise<IDBDatabase>((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    const count = db.transaction('rules').objectStore('rules').count();
    return new Promise<number>((resolve) => {
      count.onsuccess = () => resolve(count.result);
    });
  });
  expect(stored).toBe(0);
});

test('keyboard: Enter on a focused badge opens the menu, arrows and Enter pick, Escape closes', async () => {
  const page = await openInbox();
  const before = await urgencies(page);
  const target = before.bob === 'low' ? 'medium' : 'low';

  await badge(page, 'bob').focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Mark high' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(badge(page, 'bob')).toBeFocused();
  expect(await urgencies(page)).toEqual(before);

  // Shift+B on the row opens the same menu.
  await page.locator('tr.zA').nth(3).locator('td.a4W').focus();
  await page.keyboard.press('Shift+B');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  if (target === 'low') await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: new RegExp(`^Mark ${target}`) })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  expect((await urgencies(page)).bob).toBe(target);
  expect((await urgencies(page))['ana-photos']).toBe(before['ana-photos']);
});

test('a sender + topic rule changes only that topic’s mail', async () => {
  const page = await openInbox();
  const before = await urgencies(page);
  await badge(page, 'ana-invoice').click();
  const topic = page.getByRole('menuitemradio', { name: /this sender \+ topic/ });
  const words = ruleTopic('Studio invoice reminder').join(' ');
  expect(words.length).toBeGreaterThan(0);
  await expect(topic).toContainText(`“${words}”`);
  await topic.click();
  await expect(topic).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('menuitem', { name: /^Mark high/ }).click();

  const after = await urgencies(page);
  expect(after['ana-invoice']).toBe('high');
  expect(after['ana-photos']).toBe(before['ana-photos']);
  expect(after['ana-recipe']).toBe(before['ana-recipe']);
  await expect(badge(page, 'ana-invoice')).toHaveAttribute(
    'aria-description',
    new RegExp(`you marked "${words}" mail from ${ANA} as high`),
  );
});

test('opening a thread from a sender with a rule confirms the rule', async () => {
  const page = await openInbox();
  await badge(page, 'ana-photos').click();
  await page.getByRole('menuitem', { name: /^Mark high/ }).click();
  const readConfirmed = () =>
    browser.serviceWorker.evaluate(async () => {
      const chromeApi = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(key: string): Promise<Record<string, string>> } } };
        }
      ).chrome;
      const raw = (await chromeApi.storage.local.get('learnedRules')).learnedRules;
      const rules = raw ? (JSON.parse(raw) as { confirmedAt: string }[]) : [];
      return rules[0]?.confirmedAt ?? null;
    });
  await expect.poll(readConfirmed).not.toBeNull();
  const first = await readConfirmed();
  await page.waitForTimeout(20);

  // Gmail opens a thread by changing the hash after the row click.
  await page.locator('tr.zA').nth(1).locator('.bog').click();
  await page.evaluate(() => {
    location.hash = '#inbox/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn';
  });
  await expect.poll(readConfirmed).not.toBe(first);
});
