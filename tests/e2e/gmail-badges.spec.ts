import { expect, test } from '@playwright/test';
import { HOSTILE_SUBJECT, SAMPLE_MAILS } from './gmail-mails';
import {
  type ExtensionBrowser,
  type ExtensionSession,
  type GmailRoute,
  makeInboxHtml,
  makeRowHtml,
  openGmail,
  readRowBadges,
  startExtensionSession,
  threadIds,
  waitForBadges,
} from './harness';

const THREADS = SAMPLE_MAILS.length;
const rowOf = (tag: string) => SAMPLE_MAILS.findIndex((mail) => mail.tag === tag);

let browser: ExtensionBrowser;
let gmail: GmailRoute;

let session: ExtensionSession;

test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(THREADS));
  ({ browser, gmail } = session);
});

test.afterAll(() => session?.close());

test('every row gets a rules badge at once, then the server result replaces it', async () => {
  const page = await browser.context.newPage();
  // Record each badge's source as it changes, from the page's side of the DOM.
  await page.addInitScript(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __brodySources: typeof seen }).__brodySources = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const badge = record.target as HTMLElement;
        const key = badge.dataset?.brodyKey;
        const source = badge.dataset?.brodySource;
        if (!key || !source) continue;
        const list = seen[key] ?? [];
        seen[key] = list;
        if (list[list.length - 1] !== source) list.push(source);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-brody-source'] });
  });
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await waitForBadges(page, THREADS, 'server');

  const rows = await readRowBadges(page);
  expect(rows).toHaveLength(THREADS);
  for (const row of rows) {
    expect(row.badges).toBe(1);
    expect(row.rowUrgency).toMatch(/^(high|medium|low)$/);
    expect(row.rowUrgency).toBe(row.urgency);
    expect(row.label).toMatch(/^Urgency (high|medium|low), [a-z]+/);
    expect(row.title).toContain('Source: Brody server');
  }
  const sources = await page.evaluate(
    () => (window as unknown as { __brodySources: Record<string, string[]> }).__brodySources,
  );
  const keys = rows.map((row) => row.rowKey ?? '');
  const swapped = keys.filter((key) => sources[key]?.join('>') === 'rules>server');
  expect(swapped.length).toBeGreaterThan(0);

  expect(rows[rowOf('deadline')]?.urgency).toBe('high');
  expect(rows[rowOf('decision')]?.urgency).toBe('high');
  expect(rows[rowOf('newsletter')]?.urgency).toBe('low');
  // A list row carries no List-Unsubscribe header, so any bulk category is a fair reading.
  expect(['newsletter', 'promotion', 'notification']).toContain(rows[rowOf('newsletter')]?.category);
  expect(rows[rowOf('meeting')]?.category).toBe('meeting');
  expect(rows[rowOf('spam')]?.category).toBe('spam');
  expect(rows[rowOf('spam')]?.urgency).not.toBe('high');
  expect(rows[rowOf('promotion')]?.urgency).toBe('low');
  await page.close();
});

test('the hostile subject is shown as text and runs nothing', async () => {
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  const row = page.locator('tr.zA').nth(rowOf('hostile'));
  await expect(row.locator('.bog')).toHaveText(HOSTILE_SUBJECT);
  expect(await row.locator('img').count()).toBe(0);
  await expect(row.locator('.brody-badge')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(gmail.requests.filter((url) => /\/x(\?|$)/.test(url))).toEqual([]);
  // The badge's own text is built with textContent too: its one child is Brody's label, holding text only.
  expect(
    await row
      .locator('.brody-badge')
      .evaluate((badge) => [badge.children.length, badge.firstElementChild?.children.length]),
  ).toEqual([1, 0]);
  await page.close();
});

test('re-rendered and recycled rows are re-decorated, never twice', async () => {
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  const recycledThread = 500;
  const newRow = makeRowHtml(SAMPLE_MAILS[rowOf('deadline')]!, recycledThread);
  const inner = /^<tr[^>]*>([\s\S]*)<\/tr>$/.exec(newRow)?.[1] ?? '';
  await page.evaluate((recycledInner) => {
    const rows = document.querySelectorAll<HTMLElement>('tr.zA');
    const first = rows[0]!;
    const second = rows[1]!;
    // Gmail-style re-render of the same thread: new cells, our badge gone.
    first.innerHTML = first.innerHTML.replace(/<span class="brody-badge[^>]*>[^<]*<\/span>/g, '');
    // Gmail-style recycling: the same tr now shows another thread.
    second.innerHTML = recycledInner;
  }, inner);
  const recycledKey = threadIds(recycledThread).threadId;
  await page.waitForFunction(
    (key) =>
      document.querySelectorAll('tr.zA')[1]?.querySelector(`.brody-badge[data-brody-key="${key}"]`) !== null,
    recycledKey,
  );
  await page.waitForFunction(
    () => document.querySelectorAll('tr.zA')[0]?.querySelector('.brody-badge') !== null,
  );
  // Let any further (wrong) decoration pass show itself before counting.
  await page.waitForTimeout(300);
  const rows = await readRowBadges(page);
  expect(rows.map((row) => row.badges)).toEqual(rows.map(() => 1));
  expect(rows[1]?.rowKey).toBe(recycledKey);
  expect(rows[1]?.urgency).toBe('high');
  expect(rows[0]?.rowKey).toBe(threadIds(1).threadId);
  await page.close();
});

test('a row Gmail adds after load shows its verdict in the frame that first lays it out', async () => {
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  const newRow = makeRowHtml(SAMPLE_MAILS[rowOf('deadline')]!, 700);
  // Insert the row, then read it in the very next task: before any frame, and before any reply
  // from the background could arrive. A verdict there was given in the page, not a round trip later.
  const seen = await page.evaluate(
    (html) =>
      new Promise<{ urgency?: string; label: string | null }>((resolve) => {
        const holder = document.createElement('tbody');
        holder.innerHTML = html;
        const row = holder.querySelector('tr')!;
        document.querySelector('tr.zA')!.parentElement!.prepend(row);
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolve({
            urgency: row.dataset.brodyUrgency,
            label: row.querySelector('.brody-badge')?.getAttribute('aria-label') ?? null,
          });
        channel.port2.postMessage(null);
      }),
    newRow,
  );
  expect(seen.urgency).toBe('high');
  expect(seen.label).toMatch(/^Urgency high, /);
  // The background's answers that follow leave it one badge, with the same verdict.
  await page.waitForTimeout(300);
  const first = (await readRowBadges(page))[0];
  expect(first?.badges).toBe(1);
  expect(first?.rowKey).toBe(threadIds(700).threadId);
  expect(first?.urgency).toBe('high');
  await page.close();
});
test('hash navigation restarts the feature without double badges', async () => {
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  const workList = makeInboxHtml(5, { firstThread: 200 });
  const workBody = /<tbody>([\s\S]*)<\/tbody>/.exec(workList)?.[1] ?? '';
  await page.evaluate((labelRows) => {
    const tbody = document.querySelector('[gh=tl] tbody')!;
    const inboxRows = Array.from(tbody.children);
    // Like Gmail, swap the list's rows when the hash changes.
    window.addEventListener('hashchange', () => {
      if (location.hash.startsWith('#label/')) tbody.innerHTML = labelRows;
      else tbody.replaceChildren(...inboxRows);
    });
  }, workBody);
  await page.evaluate(() => {
    location.hash = '#label/Work';
  });
  await page.waitForFunction(
    (key) => document.querySelector(`tr.zA .brody-badge[data-brody-key="${key}"]`) !== null,
    threadIds(200).threadId,
  );
  let rows = await readRowBadges(page);
  expect(rows).toHaveLength(5);
  expect(rows.every((row) => row.badges === 1)).toBe(true);

  await page.evaluate(() => {
    location.hash = '#inbox';
  });
  await page.waitForFunction(
    (count) => document.querySelectorAll('tr.zA .brody-badge').length === count,
    THREADS,
  );
  await page.waitForTimeout(300);
  rows = await readRowBadges(page);
  expect(rows).toHaveLength(THREADS);
  expect(rows.every((row) => row.badges === 1)).toBe(true);
  expect(rows.map((row) => row.rowKey)).toEqual(
    SAMPLE_MAILS.map((_, index) => threadIds(index + 1).threadId),
  );
  await page.close();
});
