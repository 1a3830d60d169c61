/**
 * Keys in the real built extension on a routed Gmail page: Brody's help overlay opens from its key
 * and lists every key, Gmail's own keys still reach Gmail's listeners, and the popup and options
 * page show the same list.
 */
import { expect, test } from '@playwright/test';
import { SHORTCUTS } from '../../extension/platform/shortcuts';
import { type ExtensionSession, makeInboxHtml, openGmail, startExtensionSession } from './harness';

let session: ExtensionSession;
test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(3));
});
test.afterAll(() => session?.close());

const browserKeys = SHORTCUTS.filter((s) => s.site === 'browser');

test('Shift+H opens the help overlay listing every Brody key; Esc closes it', async () => {
  const gmail = await openGmail(session.browser.context, { expectedBadges: 3 });
  await gmail.keyboard.press('Shift+H');
  const dialog = gmail.getByRole('dialog', { name: 'Brody keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  const rows = dialog.locator('.row');
  await expect(rows).toHaveCount(SHORTCUTS.length);
  for (const shortcut of SHORTCUTS) {
    await expect(
      dialog.getByRole('definition').filter({ hasText: shortcut.description }).first(),
    ).toBeVisible();
  }
  // Browser commands show the key Chromium has bound, read through the background.
  for (const shortcut of browserKeys)
    await expect(dialog.getByText(shortcut.label, { exact: true })).toBeVisible();
  await gmail.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await gmail.close();
});

test('Gmail’s own keys (j, k, c, ?, Shift+T) still reach the page while Brody runs', async () => {
  const gmail = await openGmail(session.browser.context, { expectedBadges: 3 });
  await gmail.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __keys: string[] }).__keys = seen;
    // Gmail listens on the document; so does this stand-in.
    document.addEventListener('keydown', (event) => seen.push(event.key));
  });
  for (const key of ['j', 'k', 'c', '?', 'Shift+T', 'e', '#']) await gmail.keyboard.press(key);
  const seen = await gmail.evaluate(() => (window as unknown as { __keys: string[] }).__keys);
  expect(seen.filter((key) => key !== 'Shift')).toEqual(['j', 'k', 'c', '?', 'T', 'e', '#']);
  // None of them opened Brody's help or made a task.
  await expect(gmail.locator('[data-brody-help]')).toHaveCount(0);
  await expect(gmail.locator('.brody-task[data-brody-has-task="true"]')).toHaveCount(0);
  await gmail.close();
});

test('the popup and the options page show the same list', async () => {
  const popup = await session.browser.context.newPage();
  await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Shortcuts' }).click();
  await expect(popup.locator('.shortcut-row')).toHaveCount(SHORTCUTS.length);
  for (const shortcut of browserKeys)
    await expect(popup.getByText(shortcut.label, { exact: true })).toBeVisible();
  await popup.close();

  const options = await session.browser.context.newPage();
  await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  await options.getByRole('button', { name: 'Show keyboard shortcuts' }).click();
  await expect(options.locator('.shortcut-row')).toHaveCount(SHORTCUTS.length);
  await expect(options.getByText('Make a task from the current row or the open thread')).toBeVisible();
  await options.close();
});
