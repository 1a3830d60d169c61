/**
 * What a user sees and does with the badges: space held before labels arrive, labels never cut at
 * any density, Brody's tooltip on hover and focus that stays on screen and up to date, a correction
 * menu that leaves its row in sight, one Tab stop for the list, and Shift+B on Gmail's current row.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Density, makeInboxHtml } from './gmail-page';
import { type ExtensionSession, startExtensionSession, waitForBadges } from './harness';

let session: ExtensionSession;

test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(40));
});
test.afterAll(() => session?.close());

async function open(
  html: string,
  count: number,
  viewport?: { width: number; height: number },
): Promise<Page> {
  session.gmail.setHtml(html);
  const page = await session.browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await waitForBadges(page, count, 'api', 30_000);
  return page;
}

const rect = (box: { x: number; y: number; width: number; height: number }) => ({
  top: box.y,
  bottom: box.y + box.height,
  left: box.x,
  right: box.x + box.width,
});
const overlaps = (a: ReturnType<typeof rect>, b: ReturnType<typeof rect>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('every row’s badge space is reserved in one frame, and filling it in moves nothing', async () => {
  const rows = 600;
  session.gmail.setHtml(makeInboxHtml(rows, { firstThread: 50_000 }));
  const page = await session.browser.context.newPage();
  // The page's own clock of frames, and in which frame each badge node arrived.
  await page.addInitScript(() => {
    const probe = { frame: 0, insertedIn: [] as number[], subjectLeft: null as number[] | null };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    const tick = () => {
      probe.frame += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof HTMLElement && node.classList.contains('brody-badge'))
            probe.insertedIn.push(probe.frame);
      // Where each subject stands once the badges' space exists, before any label is written.
      if (probe.subjectLeft === null && probe.insertedIn.length > 0)
        probe.subjectLeft = Array.from(document.querySelectorAll('tr.zA .y6'), (s) =>
          Math.round(s.getBoundingClientRect().left),
        );
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await waitForBadges(page, rows, 'api', 60_000);
  const probe = await page.evaluate(() => {
    const p = (window as unknown as { __probe: { insertedIn: number[]; subjectLeft: number[] } }).__probe;
    return {
      frames: [...new Set(p.insertedIn)],
      inserted: p.insertedIn.length,
      before: p.subjectLeft,
      after: Array.from(document.querySelectorAll('tr.zA .y6'), (s) =>
        Math.round(s.getBoundingClientRect().left),
      ),
      rowHeights: [
        ...new Set(Array.from(document.querySelectorAll('tr.zA'), (r) => r.getBoundingClientRect().height)),
      ],
    };
  });
  expect(probe.inserted).toBe(rows);
  expect(probe.frames).toHaveLength(1);
  expect(probe.after).toEqual(probe.before);
  expect(probe.rowHeights).toHaveLength(1);
  await page.close();
});

for (const density of ['default', 'comfortable', 'compact'] as Density[]) {
  test(`${density} density: no badge label is cut or hidden`, async () => {
    const page = await open(makeInboxHtml(40, { density, firstThread: 60_000 }), 40);
    const cut = await page.$$eval('.brody-badge', (badges) =>
      badges.flatMap((badge) => {
        const box = badge.getBoundingClientRect();
        const cell = (badge.closest('td') as HTMLElement).getBoundingClientRect();
        const label = badge.firstElementChild as HTMLElement;
        const fits =
          label.scrollWidth <= label.clientWidth &&
          box.left >= cell.left &&
          box.right <= cell.right &&
          box.top >= cell.top &&
          box.bottom <= cell.bottom;
        return fits ? [] : [`${badge.textContent} (${label.scrollWidth} > ${label.clientWidth})`];
      }),
    );
    expect(cut).toEqual([]);
    // Every label there is, with the suspicious marker, fits as well, not only those on this page.
    const longer = await page.evaluate(() => {
      const badge = document.querySelector('.brody-badge') as HTMLElement;
      const label = badge.firstElementChild as HTMLElement;
      const categories = ['action', 'meeting', 'personal', 'news', 'promo', 'notice', 'receipt', 'spam'];
      return ['high', 'medium', 'low'].flatMap((urgency) =>
        categories.flatMap((category) => {
          badge.className = `brody-badge brody-badge--${urgency} brody-badge--suspicious`;
          label.textContent = `${urgency} · ${category}`;
          return label.scrollWidth <= label.clientWidth ? [] : [label.textContent];
        }),
      );
    });
    expect(longer).toEqual([]);
    await page.close();
  });
}

test('hover shows Brody’s tooltip, not a native title; near the bottom it opens above the badge', async () => {
  const page = await open(makeInboxHtml(40, { firstThread: 61_000 }), 40, { width: 1280, height: 600 });
  const badges = page.locator('.brody-badge');
  expect(await page.locator('.brody-badge[title]').count()).toBe(0);
  const first = badges.first();
  await first.hover();
  const tip = page.locator('#brody-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText((await first.getAttribute('aria-description')) ?? 'missing');

  // The last row fully in view, close to the viewport's bottom edge.
  const last = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('.brody-badge'));
    let found = -1;
    all.forEach((badge, index) => {
      if (badge.getBoundingClientRect().bottom <= window.innerHeight) found = index;
    });
    return found;
  });
  const low = badges.nth(last);
  await low.focus();
  await expect(tip).toBeVisible();
  const tipBox = rect((await tip.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 });
  const badgeBox = rect((await low.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 });
  expect(tipBox.top).toBeGreaterThanOrEqual(0);
  expect(tipBox.bottom).toBeLessThanOrEqual(600);
  expect(overlaps(tipBox, badgeBox)).toBe(false);
  expect(tipBox.bottom).toBeLessThanOrEqual(badgeBox.top);
  await page.close();
});

test('near the bottom the correction menu leaves its row in sight; the tooltip then tells the new urgency', async () => {
  const page = await open(makeInboxHtml(40, { firstThread: 62_000 }), 40, { width: 1280, height: 600 });
  const last = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('.brody-badge'));
    let found = -1;
    all.forEach((badge, index) => {
      if (badge.getBoundingClientRect().bottom <= window.innerHeight && badge.dataset.brodyUrgency !== 'high')
        found = index;
    });
    return found;
  });
  const badge = page.locator('.brody-badge').nth(last);
  const row = page.locator('tr.zA').nth(last);
  await badge.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const menuBox = rect((await menu.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 });
  const rowBox = rect((await row.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 });
  expect(menuBox.top).toBeGreaterThanOrEqual(0);
  expect(menuBox.bottom).toBeLessThanOrEqual(600);
  expect(overlaps(menuBox, rowBox)).toBe(false);

  await page.getByRole('menuitem', { name: /^Mark high/ }).click();
  await expect(menu).toHaveCount(0);
  await expect(badge).toBeFocused();
  await expect(badge).toHaveAttribute('data-brody-urgency', 'high');
  await expect(page.locator('#brody-tooltip')).toBeVisible();
  await expect(page.locator('#brody-tooltip')).toContainText('Urgency high');
  // The server's answer may land after the correction and rewrite both; they must agree once settled.
  const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  await expect
    .poll(async () => {
      const [shown, described] = await Promise.all([
        page.locator('#brody-tooltip').textContent(),
        badge.getAttribute('aria-description'),
      ]);
      return squash(shown) === squash(described);
    })
    .toBe(true);
  await page.close();
});

test('the badges are one Tab stop; arrows, Home and End move between them; Enter opens the menu', async () => {
  const page = await open(makeInboxHtml(30, { firstThread: 63_000 }), 30);
  expect(await page.locator('.brody-badge[tabindex="0"]').count()).toBe(1);
  expect(await page.locator('.brody-badge[tabindex="-1"]').count()).toBe(29);
  const badges = page.locator('.brody-badge');
  await badges.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(badges.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(badges.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(badges.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(badges.nth(29)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(badges.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // The stop follows the user: Tab away and back lands on the badge last reached.
  expect(await page.locator('.brody-badge[tabindex="0"]').count()).toBe(1);
  await expect(badges.nth(1)).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(badges.nth(1)).toBeFocused();
  await page.close();
});

test('Shift+B corrects Gmail’s cursor row, else the hovered row; synthetic events do nothing', async () => {
  const page = await open(makeInboxHtml(30, { firstThread: 64_000 }), 30);
  const menu = page.getByRole('menu');
  const senderOf = (index: number) =>
    page.locator('tr.zA').nth(index).locator('span[email]').getAttribute('email');

  // Gmail's keyboard cursor (j/k) marks its row; focus stays on the page, not in the row.
  await page.evaluate(() => document.querySelectorAll('tr.zA')[5]?.classList.add('btb'));
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Shift+B');
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-label', new RegExp(`${await senderOf(5)}`));
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await page.evaluate(() => {
    document.querySelectorAll('tr.zA')[5]?.classList.remove('btb');
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await page.locator('tr.zA').nth(8).locator('.y2').hover();
  await page.keyboard.press('Shift+B');
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-label', new RegExp(`${await senderOf(8)}`));
  await page.keyboard.press('Escape');

  // A page script's forged key and click open nothing.
  await page.evaluate(() => {
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { code: 'KeyB', key: 'B', shiftKey: true, bubbles: true }),
    );
    document.querySelector<HTMLElement>('.brody-badge')?.click();
  });
  await page.waitForTimeout(100);
  await expect(menu).toHaveCount(0);
  await page.close();
});
