/**
 * Reusable browser harness: the built extension in Debian's Chromium (headless, persistent
 * context), Gmail served from local HTML at its real URL, and the real API on a free port.
 * Used by the e2e tests and the browser benchmark.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { type NodeServer, startNodeServer } from '../../worker/src/node';

export { makeInboxHtml, makeRowHtml, makeVerticalRowHtml, threadIds } from './gmail-page';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '..', '.output', 'chrome-mv3');
export const GMAIL_INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension loaded; each launch gets a fresh profile.
 * `grantedOptional` names optional API permissions (notifications, alarms) the profile already holds,
 * as if the user had allowed them earlier: headless Chromium cannot answer the permission prompt, so
 * a first run writes the extension's settings, they are amended, and the browser starts again.
 */
export async function launchWithExtension(
  options: { extensionDir?: string; grantedOptional?: readonly string[] } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'brody-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--disable-gpu',
        '--disable-quic',
      ],
    });
  let context = await launch();
  let serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  if (options.grantedOptional?.length) {
    await context.close();
    grantInProfile(profile, extensionId, options.grantedOptional);
    context = await launch();
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  }
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface PermissionSet {
  api?: string[];
}

/** Adds API permissions to what the profile records as granted to and active for the extension. */
function grantInProfile(profile: string, extensionId: string, permissions: readonly string[]): void {
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { settings?: Record<string, Record<string, PermissionSet | undefined>> };
  };
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`Chromium recorded no settings for extension ${extensionId}`);
  for (const key of ['granted_permissions', 'active_permissions']) {
    const set: PermissionSet = settings[key] ?? {};
    set.api = [...new Set([...(set.api ?? []), ...permissions])];
    settings[key] = set;
  }
  writeFileSync(file, JSON.stringify(prefs));
}

export interface GmailRoute {
  /** Every URL the page (or the extension) requested on mail.google.com, in order. */
  readonly requests: string[];
  /** Changes what the next page load gets. */
  setHtml(html: string): void;
}

/** Serves `html` for every https://mail.google.com/ document; other Gmail URLs get 404s and are recorded. */
export async function routeGmail(context: BrowserContext, html: string): Promise<GmailRoute> {
  let current = html;
  const requests: string[] = [];
  await context.route('https://mail.google.com/**', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (route.request().resourceType() === 'document') {
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: current });
    } else {
      await route.fulfill({ status: 404, body: '' });
    }
  });
  return {
    requests,
    setHtml(next) {
      current = next;
    },
  };
}

export interface RunningApi {
  server: NodeServer;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the real API (Node + PGlite in a temp directory) on a free port. `env` adds variables the
 * API reads at start (e.g. OPENAI_BASE_URL for the fake model server); they are set only while it starts.
 */
export async function startApi(options: { env?: Record<string, string> } = {}): Promise<RunningApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'brody-api-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'brody-api-state-'));
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((key) => [key, process.env[key]]));
  Object.assign(process.env, options.env);
  let server: NodeServer;
  try {
    server = await startNodeServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      stateDir,
      quiet: true,
      allowedOrigins: [EXTENSION_ORIGIN],
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export interface ExtensionSession {
  api: RunningApi;
  browser: ExtensionBrowser;
  gmail: GmailRoute;
  close(): Promise<void>;
}

/**
 * The usual setup of a browser test: the real API (or the one given), the built extension pointed at
 * it, and Gmail serving `html`. `pointAtApi: false` leaves the extension on its default address.
 */
export async function startExtensionSession(
  html: string,
  options: { api?: RunningApi; pointAtApi?: boolean; grantedOptional?: readonly string[] } = {},
): Promise<ExtensionSession> {
  const api = options.api ?? (await startApi());
  const browser = await launchWithExtension(
    options.grantedOptional ? { grantedOptional: options.grantedOptional } : {},
  );
  if (options.pointAtApi !== false) await connectToApi(browser, api);
  const gmail = await routeGmail(browser.context, html);
  return {
    api,
    browser,
    gmail,
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

interface ChromeStorageGlobal {
  chrome: { storage: { local: { set(items: Record<string, string>): Promise<void> } } };
}

/** Points the extension at an API, the way the options page stores it (@plasmohq/storage: JSON). */
export async function setApiUrl(serviceWorker: Worker, url: string): Promise<void> {
  await serviceWorker.evaluate(async (value) => {
    await (globalThis as unknown as ChromeStorageGlobal).chrome.storage.local.set({
      apiUrl: JSON.stringify(value),
    });
  }, url);
}

interface ExtensionPageGlobal {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

/**
 * Signs the extension in with a pairing code, as the options page's "Sign in" does (through the
 * background, from an extension page). A sign-in to another API replaces the previous session.
 */
export async function signInExtension(browser: ExtensionBrowser, pairingCode: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const answer = (await page.evaluate(
      (code) =>
        (globalThis as unknown as ExtensionPageGlobal).chrome.runtime.sendMessage({
          type: 'account-sign-in',
          code,
        }),
      pairingCode,
    )) as { ok?: boolean; error?: { message?: string } } | undefined;
    if (answer?.ok !== true) throw new Error(`sign-in failed: ${answer?.error?.message ?? 'no answer'}`);
  } finally {
    await page.close();
  }
}

/** Points the extension at a running API and signs it in there, with the code the API made at start. */
export async function connectToApi(browser: ExtensionBrowser, api: RunningApi): Promise<void> {
  await setApiUrl(browser.serviceWorker, api.url);
  await signInExtension(browser, api.server.pairingCode);
}

/** Opens Gmail at `hash` and waits until `expectedBadges` badges are on the page. */
export async function openGmail(
  context: BrowserContext,
  options: { hash?: string; expectedBadges?: number } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://mail.google.com/mail/u/0/${options.hash ?? '#inbox'}`);
  if (options.expectedBadges !== undefined) await waitForBadges(page, options.expectedBadges);
  return page;
}

/** Waits for `count` badges; `source` narrows to one origin, 'api' means server or cache. */
export async function waitForBadges(
  page: Page,
  count: number,
  source?: 'rules' | 'server' | 'cache' | 'api',
  timeout = 15_000,
): Promise<void> {
  const selector =
    source === 'api'
      ? '.brody-badge[data-brody-source="server"], .brody-badge[data-brody-source="cache"]'
      : source
        ? `.brody-badge[data-brody-source="${source}"]`
        : // A badge placed but not yet filled in (its space is held first) has no source yet.
          '.brody-badge[data-brody-source]';
  await page.waitForFunction(
    ({ selector, count }) => document.querySelectorAll(selector).length >= count,
    { selector, count },
    { timeout },
  );
}

export interface RowBadge {
  rowKey: string | null;
  rowUrgency: string | null;
  badges: number;
  urgency: string | null;
  category: string | null;
  source: string | null;
  label: string | null;
  title: string | null;
  subject: string;
}

/** One entry per `tr.zA` that carries a sender (a thread's first row). */
export async function readRowBadges(page: Page): Promise<RowBadge[]> {
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('tr.zA')).filter((row) =>
      row.querySelector('span[email]'),
    );
    return rows.map((row) => {
      const parts = [row];
      let next = row.nextElementSibling;
      while (
        next instanceof HTMLElement &&
        next.classList.contains('apv') &&
        !next.querySelector('span[email]')
      ) {
        parts.push(next);
        next = next.nextElementSibling;
      }
      const badges = parts.flatMap((part) => Array.from(part.querySelectorAll<HTMLElement>('.brody-badge')));
      const badge = badges[0];
      const subject = parts.map((part) => part.querySelector('.bog')?.textContent).find(Boolean) ?? '';
      return {
        rowKey: row.dataset.brodyKey ?? null,
        rowUrgency: row.dataset.brodyUrgency ?? null,
        badges: badges.length,
        urgency: badge?.dataset.brodyUrgency ?? null,
        category: badge?.dataset.brodyCategory ?? null,
        source: badge?.dataset.brodySource ?? null,
        label: badge?.getAttribute('aria-label') ?? null,
        // Brody's tooltip text (badge-tooltip.ts shows it; there is no native title).
        title: badge?.getAttribute('aria-description') ?? null,
        subject,
      };
    });
  });
}
