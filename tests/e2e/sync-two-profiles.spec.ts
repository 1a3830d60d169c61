/**
 * Two browser profiles with the built extension, both signed in with the pairing code to the real
 * local API (Node + PGlite). A task made in one shows in the other; a task made while the API is down
 * shows once it is back (same port, same data and secrets, so both sessions survive the restart);
 * completing a task in one completes it in the other. The pairing code is the one the API made at
 * start (`NodeServer.pairingCode`, the line `npm start` prints).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { freePort } from '../support/free-port';
import { type ExtensionBrowser, launchWithExtension, setApiUrl } from './harness';

/** How long a change may take to show on the other profile here (the target is 2 s; CI is loaded). */
const ARRIVES = { timeout: 15_000 };

interface Api {
  url: string;
  pairingCode(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The real API on a fixed port, restartable over the same database and secrets. */
async function restartableApi(): Promise<Api> {
  const dataDir = mkdtempSync(join(tmpdir(), 'brody-sync-api-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'brody-sync-state-'));
  const port = await freePort();
  let server: NodeServer | null = null;
  const start = async () => {
    // Two profiles polling once a second stay far below the default limit; this keeps a loaded CI clear of it.
    process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
    const options = {
      port,
      host: '127.0.0.1',
      dataDir,
      stateDir,
      quiet: true,
      allowedOrigins: [EXTENSION_ORIGIN],
    };
    server = await startNodeServer(options);
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    pairingCode() {
      const code = (server as { pairingCode?: unknown } | null)?.pairingCode;
      if (typeof code !== 'string')
        throw new Error('this API build makes no pairing code (accounts not merged)');
      return code;
    },
    async stop() {
      await server?.close();
      server = null;
    },
    start,
    async close() {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function signIn(browser: ExtensionBrowser, code: string): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel('Pairing code').fill(code);
  await options.getByRole('button', { name: 'Sign in' }).click();
  await expect(options.getByText('Signed in as the owner of this Brody')).toBeVisible();
  await expect(options.getByRole('list', { name: 'Signed-in devices' })).toContainText('(this browser)');
  return options;
}

async function openTasks(browser: ExtensionBrowser): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Tasks' }).click();
  return popup;
}

async function addTask(popup: Page, title: string): Promise<void> {
  await popup.getByLabel('New task').fill(title);
  await popup.getByRole('button', { name: 'Add task' }).click();
  await expect(
    popup.getByRole('list', { name: 'Open tasks' }).getByRole('checkbox', { name: title }),
  ).toBeVisible();
}

let api: Api;
let laptop: ExtensionBrowser;
let desktop: ExtensionBrowser;

test.beforeAll(async () => {
  api = await restartableApi();
  laptop = await launchWithExtension();
  desktop = await launchWithExtension();
  for (const profile of [laptop, desktop]) await setApiUrl(profile.serviceWorker, api.url);
});

test.afterAll(async () => {
  await laptop?.close();
  await desktop?.close();
  await api?.close();
});

test('a signed-out popup says so and its Sign in opens the Account section', async () => {
  const popup = await laptop.context.newPage();
  await popup.goto(`chrome-extension://${laptop.extensionId}/popup.html`);
  await expect(popup.locator('.sync')).toContainText('Not signed in');
  const opened = laptop.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  const options = await opened;
  await expect(options).toHaveURL(/\/options\.html/);
  await expect(options.getByLabel('Pairing code')).toBeVisible();
  await options.close();
  await popup.close();
});

test('both profiles sign in with the pairing code and see each other in the device list', async () => {
  const code = api.pairingCode();
  const laptopOptions = await signIn(laptop, code);
  const desktopOptions = await signIn(desktop, code);
  await laptopOptions.reload();
  await expect(
    laptopOptions.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem'),
  ).toHaveCount(2);
  await expect(desktopOptions.locator('[data-account="sync"]')).toContainText('Synced');
  await laptopOptions
    .locator('section[aria-labelledby="account-title"]')
    .screenshot({ path: join(import.meta.dirname, 'screenshots', 'account.png') });
  await laptopOptions.close();
  await desktopOptions.close();
});

test('a task made in one profile appears in the other', async () => {
  const here = await openTasks(laptop);
  const there = await openTasks(desktop);
  await addTask(here, 'Book the offsite venue');
  await expect(there.getByRole('checkbox', { name: 'Book the offsite venue' })).toBeVisible(ARRIVES);
  await here.close();
  await there.close();
});

test('a task made while the API is stopped appears in the other profile after it starts again', async () => {
  const here = await openTasks(laptop);
  const status = await laptop.context.newPage();
  await status.goto(`chrome-extension://${laptop.extensionId}/options.html`);
  await api.stop();
  await addTask(here, 'Written on the plane');
  await expect(status.locator('[data-account="sync"]')).toHaveText('Offline, 1 change waiting', ARRIVES);
  await api.start();
  const there = await openTasks(desktop);
  // Backoff after the failed pushes is at most a few seconds here; the retry then carries the task.
  await expect(there.getByRole('checkbox', { name: 'Written on the plane' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(status.locator('[data-account="sync"]')).toContainText('Synced', ARRIVES);
  await Promise.all([here.close(), there.close(), status.close()]);
});

test('completing a task in one profile completes it in the other', async () => {
  const here = await openTasks(laptop);
  const there = await openTasks(desktop);
  await expect(
    there.getByRole('list', { name: 'Open tasks' }).getByRole('checkbox', { name: 'Book the offsite venue' }),
  ).toBeVisible(ARRIVES);
  // The box is controlled: it shows the stored state once the background has written it.
  await here.getByRole('checkbox', { name: 'Book the offsite venue' }).click();
  await expect(
    here
      .getByRole('list', { name: 'Completed tasks' })
      .getByRole('checkbox', { name: 'Book the offsite venue' }),
  ).toBeChecked();
  const done = there
    .getByRole('list', { name: 'Completed tasks' })
    .getByRole('checkbox', { name: 'Book the offsite venue' });
  await expect(done).toBeVisible(ARRIVES);
  await expect(done).toBeChecked();
  await here.close();
  await there.close();
});
