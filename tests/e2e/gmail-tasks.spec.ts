/**
 * Tasks made from Gmail rows in the real built extension: the "+ Task" control on hover, the
 * add-task key on Gmail's cursor row, the row's marker, and the popup completing the task so the
 * marker goes away in the open Gmail tab.
 */
import { expect, type Page, test } from '@playwright/test';
import { SAMPLE_MAILS } from './gmail-mails';
import { type ExtensionSession, makeInboxHtml, openGmail, startExtensionSession, threadIds } from './harness';

const ROWS = 4;
let session: ExtensionSession;

test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(ROWS));
});
test.afterAll(() => session?.close());

const row = (page: Page, n: number) =>
  page.locator(`tr.zA:has([data-thread-id="#thread-f:${threadIds(n).threadId}"])`);
const marker = (page: Page, n: number) => row(page, n).locator('.brody-task');

async function storedTitles(): Promise<string[]> {
  return session.browser.serviceWorker.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('brody');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('tasks').objectStore('tasks').getAll();
          read.onsuccess = () => {
            resolve(
              (read.result as { title: string; status: string }[])
                .filter((t) => t.status !== 'completed')
                .map((t) => t.title),
            );
            open.result.close();
          };
        };
      }),
  );
}

test('"+ Task" on a hovered row makes a task, the row shows it, and completing it in the popup clears the marker', async () => {
  const gmail = await openGmail(session.browser.context, { expectedBadges: ROWS });
  const first = SAMPLE_MAILS[0]?.subject as string;
  await expect(marker(gmail, 1)).toHaveCount(1);
  const button = marker(gmail, 1).getByRole('button');
  await expect(button).toBeHidden();
  const subjectBefore = await row(gmail, 1).locator('.bog').boundingBox();

  await row(gmail, 1).hover();
  await expect(button).toBeVisible();
  await expect(button).toHaveAccessibleName(`Make a task from: ${first}`);
  await button.click();
  await expect(marker(gmail, 1)).toHaveAttribute('data-brody-has-task', 'true');
  await expect(button).toHaveText('✓ Task');
  // Gmail did not open the thread for that click, and the subject did not move.
  expect(gmail.url()).toBe('https://mail.google.com/mail/u/0/#inbox');
  expect(await row(gmail, 1).locator('.bog').boundingBox()).toEqual(subjectBefore);
  // The marker stays when the pointer leaves.
  await gmail.mouse.move(5, 5);
  await expect(button).toBeVisible();
  expect(await storedTitles()).toEqual([first]);

  const popup = await session.browser.context.newPage();
  await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Tasks' }).click();
  const checkbox = popup.getByRole('checkbox', { name: first });
  await expect(checkbox).toBeVisible();
  await expect(popup.getByRole('button', { name: `Open the source of ${first}` })).toBeVisible();
  await checkbox.click();
  await expect(checkbox).toBeChecked();

  await expect(marker(gmail, 1)).toHaveAttribute('data-brody-has-task', 'false');
  await expect(button).toHaveText('+ Task');
  // Back to hover-or-focus only: the clicked button still holds focus until it is left.
  await button.blur();
  await gmail.mouse.move(5, 5);
  await expect(button).toBeHidden();
  await popup.close();
  await gmail.close();
});

test('the add-task key makes a task from the row under Gmail’s cursor; a script-dispatched key does nothing', async () => {
  const gmail = await openGmail(session.browser.context, { expectedBadges: ROWS });
  const before = await storedTitles();
  // A page script pressing the key must not create a task.
  await gmail.evaluate(() => {
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { code: 'KeyK', key: 'K', shiftKey: true, bubbles: true }),
    );
  });
  // Gmail's keyboard cursor (j/k) marks its row with the `btb` class.
  await row(gmail, 3).evaluate((tr) => tr.classList.add('btb'));
  await gmail.mouse.move(5, 5);
  await gmail.keyboard.press('Shift+K');
  await expect(marker(gmail, 3)).toHaveAttribute('data-brody-has-task', 'true');
  await expect(gmail.getByRole('status').filter({ hasText: 'Task added' })).toHaveCount(1);
  expect(await storedTitles()).toEqual([SAMPLE_MAILS[2]?.subject, ...before]);
  await expect(marker(gmail, 2)).toHaveAttribute('data-brody-has-task', 'false');

  // Typing in a field is typing, not a command.
  await gmail.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', '<input id="search" aria-label="Search mail">'),
  );
  await gmail.getByLabel('Search mail').focus();
  await gmail.keyboard.press('Shift+K');
  await expect(gmail.getByLabel('Search mail')).toHaveValue('K');
  expect(await storedTitles()).toHaveLength(before.length + 1);
  await gmail.close();
});
