import { browser } from 'wxt/browser';
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
import { createTaskService } from '../background/tasks/task-service';
import { serveTriagePort } from '../background/triage-port';
import { TRIAGE_PORT } from '../platform/port-names';
import { getSetting, setSetting } from '../platform/settings';

const CACHE_DAYS = 30;

export default defineBackground(() => {
  const db = new BrodyDatabase();
  const writtenTo = correspondents(db);
  const apiUrl = () => getSetting('apiUrl');
  const api = createApiClient({ baseUrl: apiUrl, token: () => getSetting('apiToken') });
  const runtimeId = browser.runtime.id;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const rules = createRulesService({ db, publish: (list) => setSetting('learnedRules', list) });
  const aiEnabled = () => getSetting('aiEnabled');
  const mailMayLeave = async () => maySendMail(await apiUrl(), await aiEnabled());
  const calendar = wireCalendar({ db, apiUrl, aiEnabled, mailMayLeave, getSetting });
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
      onRows: (rows) => calendar.onRows(rows, port.sender?.url),
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
  });
  installCommands();
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse, () => sendResponse({ rejected: true, reason: 'shape' }));
    // Keeps the channel open for the asynchronous answer.
    return true;
  });

  void rules.publish().catch(() => undefined);
  void tasks.publish().catch(() => undefined);
  void pruneBefore(db, Date.now() - CACHE_DAYS * 24 * 3600 * 1000).catch(() => undefined);
});
