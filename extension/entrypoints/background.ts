import { browser } from 'wxt/browser';
import { createAccountService, type GoogleSignInWindow } from '../background/account/account-service';
import { bearerFetch } from '../background/account/bearer-fetch';
import { chromeTokenStore } from '../background/account/token-store';
import { createApiClient } from '../background/api-client';
import { wireCalendar } from '../background/calendar/register';
import { boundCommands, installCommands } from '../background/commands';
import { BrodyDatabase, pruneBefore } from '../background/db';
import { createNotifier } from '../background/notifications/notifier';
import { correspondents } from '../background/people/queries';
import { maySendMail } from '../background/privacy';
import { createRulesService } from '../background/rules-handlers';
import { createRuntimeRouter } from '../background/runtime-router';
import { isTrustedSender } from '../background/sender-check';
import { createSyncEngine } from '../background/sync/engine';
import {
  applySettings,
  isSyncedSetting,
  recordSetting,
  seedSettings,
} from '../background/sync/settings-sync';
import { createTaskService } from '../background/tasks/task-service';
import { serveTriagePort } from '../background/triage-port';
import type { AccountEvent } from '../platform/account-messages';
import { TRIAGE_PORT } from '../platform/port-names';
import { getSetting, setSetting } from '../platform/settings';

const CACHE_DAYS = 30;
const SYNC_ALARM = 'brody-sync';

/** What the account's device list shows for this browser. */
function deviceName(): string {
  const agent = navigator.userAgent;
  const browserName = /Edg\//.test(agent) ? 'Edge' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : 'Browser';
  const os = /Windows/.test(agent)
    ? 'Windows'
    : /Mac OS X/.test(agent)
      ? 'macOS'
      : /CrOS/.test(agent)
        ? 'ChromeOS'
        : /Linux/.test(agent)
          ? 'Linux'
          : '';
  return os ? `${browserName} on ${os}` : browserName;
}

/** To extension pages only: runtime.sendMessage never reaches content scripts. */
function tellPages(event: AccountEvent): void {
  void browser.runtime.sendMessage(event).catch(() => undefined);
}

export default defineBackground(() => {
  const db = new BrodyDatabase();
  const writtenTo = correspondents(db);
  const apiUrl = () => getSetting('apiUrl');
  // Explicit, though it is Chrome's default: content scripts cannot read the session area.
  void browser.storage.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  const account = createAccountService({
    store: chromeTokenStore({ session: browser.storage.session, local: browser.storage.local }),
    baseUrl: apiUrl,
    deviceName,
    onSignedIn: () => tellPages({ type: 'account-signed-in' }),
    onSignedOut: (reason) => tellPages({ type: 'account-signed-out', reason }),
  });
  // chrome.identity exists only once the user granted the optional identity permission (options page).
  const googleWindow = (): GoogleSignInWindow | null => {
    const identity = browser.identity;
    if (!identity?.launchWebAuthFlow) return null;
    return {
      redirectUrl: () => identity.getRedirectURL(),
      open: async (url) => {
        const redirected = await identity.launchWebAuthFlow({ url, interactive: true });
        if (!redirected) throw new Error('the window closed without an answer');
        return redirected;
      },
    };
  };
  // The device's access token, refreshed as it nears expiry; none while signed out.
  const bearer = async () => (await account.accessToken().catch(() => null)) ?? '';
  const refresh = () => account.refresh().catch(() => null);
  const api = createApiClient({ baseUrl: apiUrl, token: bearer, onUnauthorized: refresh });
  const runtimeId = browser.runtime.id;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const rules = createRulesService({ db, publish: (list) => setSetting('learnedRules', list) });
  const aiEnabled = () => getSetting('aiEnabled');
  const mailMayLeave = async () => maySendMail(await apiUrl(), await aiEnabled());
  const calendar = wireCalendar({
    db,
    apiUrl,
    aiEnabled,
    mailMayLeave,
    getSetting,
    fetch: bearerFetch(bearer, refresh),
  });
  // The service worker's lifetime: nothing ends it but the worker stopping.
  const notifier = createNotifier(db, new AbortController().signal);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== TRIAGE_PORT || !isTrustedSender(port.sender ?? {}, runtimeId, extensionOrigin)) {
      port.disconnect();
      return;
    }
    serveTriagePort(port, {
      db,
      api,
      context: async () => ({
        userEmails: await getSetting('userEmails'),
        vips: await getSetting('vips'),
        priorities: await getSetting('priorities'),
        sentTo: await writtenTo(),
      }),
      rules,
      aiEnabled,
      maySendMail: mailMayLeave,
      onRows: (rows, urgencies) => calendar.onRows(rows, port.sender?.url, urgencies),
      onStored: (results, messages) => void notifier.onStored(results, messages).catch(() => undefined),
    });
  });

  const threads = {
    db,
    api,
    aiEnabled,
    userEmails: () => getSetting('userEmails'),
    maySendMail: mailMayLeave,
  };
  const tasks = createTaskService({ db, publishOpenThreads: (ids) => setSetting('openTaskThreads', ids) });
  const settings = { get: getSetting, set: setSetting };
  const sync = createSyncEngine({
    db,
    account,
    async onApplied(applied) {
      if (applied.tables.has('tasks')) await tasks.publish().catch(() => undefined);
      if (applied.tables.has('rules')) await rules.publish().catch(() => undefined);
      if (applied.settings.size > 0) await applySettings(applied.settings, settings).catch(() => undefined);
      tellPages({ type: 'sync-applied', tables: [...applied.tables] });
    },
  });
  // Every local write queues an outbox entry (in the write's own transaction): push soon after.
  db.outbox.hook('creating', () => {
    sync.changed();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    for (const name of Object.keys(changes)) {
      if (!isSyncedSetting(name)) continue;
      void getSetting(name)
        .then((value) => recordSetting(db, name, value))
        .catch(() => undefined);
    }
  });
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.syncNow();
  });
  globalThis.addEventListener('online', () => void sync.online());
  const route = createRuntimeRouter({
    runtimeId,
    extensionOrigin,
    db,
    api,
    apiUrl,
    rules,
    threads,
    ...calendar.router,
    tasks,
    commands: boundCommands,
    account,
    googleWindow,
    sync,
  });
  installCommands();
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse, () => sendResponse({ rejected: true, reason: 'shape' }));
    // Keeps the channel open for the asynchronous answer.
    return true;
  });

  void rules.publish().catch(() => undefined);
  void tasks.publish().catch(() => undefined);
  void seedSettings(db, settings)
    .catch(() => undefined)
    .then(() => sync.syncNow());
  void pruneBefore(db, Date.now() - CACHE_DAYS * 24 * 3600 * 1000).catch(() => undefined);
});
