/**
 * Notifications in the real built extension. The profile already holds the optional notifications
 * and alarms permissions (headless Chromium cannot answer Chrome's prompt), so the options page's
 * switches go straight to the background: the digest alarm is set at the chosen time and fires a
 * "prepare your day" notification, a new mail the API rates high raises one notification, and
 * turning each off clears its alarm or stops its notifications. What a click opens is covered by
 * tests/unit/notification-click.test.ts (a system notification cannot be clicked headless).
 */
import { expect, type Page, test, type Worker } from '@playwright/test';
import {
  type ExtensionSession,
  makeInboxHtml,
  openGmail,
  startExtensionSession,
  threadIds,
  waitForBadges,
} from './harness';

let session: ExtensionSession;
// Row 0 of the sample inbox asks for a signature "by today 5pm"; its rows are dated from local noon
// so that deadline is still ahead whatever time the test runs.
const noon = new Date();
noon.setHours(12, 0, 0, 0);
const inbox = (firstThread: number) => makeInboxHtml(1, { firstThread, now: noon });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  session = await startExtensionSession(inbox(1), {
    grantedOptional: ['notifications', 'alarms'],
  });
});

test.afterAll(() => session?.close());

type Chrome = {
  alarms: { get(name: string): Promise<{ scheduledTime: number; periodInMinutes?: number } | undefined> };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
};

const notificationIds = (worker: Worker) =>
  worker.evaluate(async () =>
    Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()).sort(),
  );

const digestAlarm = (worker: Worker) =>
  worker.evaluate(async () => {
    const alarm = await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.get('brody-digest');
    if (!alarm) return null;
    const at = new Date(alarm.scheduledTime);
    return { hhmm: at.toTimeString().slice(0, 5), periodInMinutes: alarm.periodInMinutes ?? null };
  });

async function clearNotifications(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const { notifications } = (globalThis as unknown as { chrome: Chrome }).chrome;
    for (const id of Object.keys(await notifications.getAll())) await notifications.clear(id);
  });
}

async function triagedHigh(html: string): Promise<Page> {
  session.gmail.setHtml(html);
  const page = await openGmail(session.browser.context);
  await waitForBadges(page, 1, 'server');
  await expect(page.locator('.brody-badge').first()).toHaveAttribute('data-brody-urgency', 'high');
  return page;
}

test('digest and urgent-mail notifications: on from the options page, fire, and off again', async () => {
  const { context, extensionId, serviceWorker: worker } = session.browser;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const digest = options.getByLabel('Daily “prepare my day” digest');
  const urgent = options.getByLabel('Tell me when a new mail is rated urgent');
  await expect(digest).not.toBeChecked();
  expect(await digestAlarm(worker)).toBeNull();

  // The digest, at a time the user picks: one alarm, daily, at that local time.
  await options.locator('input[type=time]').fill('07:15');
  await digest.click();
  await expect(options.getByRole('status').last()).toHaveText('Turned on.');
  await expect.poll(() => digestAlarm(worker)).toEqual({ hhmm: '07:15', periodInMinutes: 24 * 60 });
  await options.locator('input[type=time]').fill('18:40');
  await expect.poll(() => digestAlarm(worker)).toEqual({ hhmm: '18:40', periodInMinutes: 24 * 60 });

  // Urgent mail: a new thread the API rates high raises one notification, keyed by that thread.
  await urgent.click();
  await expect(urgent).toBeChecked();
  const first = threadIds(1).threadId;
  const gmail = await triagedHigh(inbox(1));
  await expect.poll(() => notificationIds(worker)).toEqual([`brody-urgent:${first}`]);
  await gmail.close();

  // The alarm firing sends the digest (moved to fire now rather than at 18:40).
  await worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { alarms: { create(n: string, i: { when: number }): void } } }
    ).chrome.alarms.create('brody-digest', { when: Date.now() + 100 }),
  );
  await expect.poll(() => notificationIds(worker)).toContain('brody-digest');

  // Off again: the digest's alarm is gone, and a new urgent mail raises nothing.
  await digest.click();
  await expect.poll(() => digestAlarm(worker)).toBeNull();
  await urgent.click();
  await expect(options.getByRole('status').last()).toHaveText('Turned off.');
  await clearNotifications(worker);
  const quietId = threadIds(20).threadId;
  (await triagedHigh(inbox(20))).close();
  // Turned back on, the next urgent mail notifies; the one that came while off never did.
  await urgent.click();
  await expect(urgent).toBeChecked();
  const laterId = threadIds(30).threadId;
  (await triagedHigh(inbox(30))).close();
  await expect.poll(() => notificationIds(worker)).toEqual([`brody-urgent:${laterId}`]);
  expect(await notificationIds(worker)).not.toContain(`brody-urgent:${quietId}`);
  await options.close();
});
