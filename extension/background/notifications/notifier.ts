/**
 * The daily digest (chrome.alarms) and urgent-mail notifications (chrome.notifications). Both
 * permissions are optional: until the user turns a feature on in the options page, neither API
 * exists here, so listeners are attached when the permission arrives. Turning a feature off
 * clears its alarm; the quiet switch holds every notification back.
 */
import { browser } from 'wxt/browser';
import type { MessageSummary, TriageResult } from '../../../shared/schemas';
import { openSource } from '../../platform/open-source';
import { getSetting, watchSetting } from '../../platform/settings';
import type { BrodyDatabase } from '../db';
import { loadToday } from '../today/load';
import { threadLink } from '../today/select';
import {
  DIGEST_ALARM,
  DIGEST_NOTIFICATION,
  digestText,
  type NewUrgent,
  nextDigestAt,
  notificationTarget,
  URGENT_PREFIX,
  urgentText,
} from './messages';

const ICON = '/notification-icon.png';
const DAY_MINUTES = 24 * 60;

/** Opens what a clicked notification is about (Today as a tab, or the thread in Gmail) and clears it. */
export async function onNotificationClicked(id: string): Promise<void> {
  const todayUrl = browser.runtime.getURL('/popup.html');
  const target = notificationTarget(id, todayUrl, threadLink);
  if (target === todayUrl) await browser.tabs.create({ url: target });
  else if (target) await openSource(target);
  await browser.notifications?.clear(id);
}

export function createNotifier(db: BrodyDatabase, signal: AbortSignal) {
  let attached = false;
  // Ids a put created (not updated): only those are new mail; a re-triage never notifies.
  const created = new Set<string>();
  db.triage.hook('creating', (id) => {
    created.add(String(id));
  });

  const notify = async (id: string, text: { title: string; message: string }): Promise<void> => {
    if (!browser.notifications || (await getSetting('notificationsQuiet'))) return;
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL(ICON),
      title: text.title,
      message: text.message,
    });
  };

  const schedule = async (): Promise<void> => {
    if (!browser.alarms) return;
    if (!(await getSetting('digestEnabled'))) {
      await browser.alarms.clear(DIGEST_ALARM);
      return;
    }
    const when = nextDigestAt(new Date(), await getSetting('digestTime'));
    await browser.alarms.create(DIGEST_ALARM, { when, periodInMinutes: DAY_MINUTES });
  };

  const sendDigest = async (): Promise<void> => {
    if (!(await getSetting('digestEnabled'))) return;
    await notify(DIGEST_NOTIFICATION, digestText(await loadToday((await db.open()).backendDB())));
  };

  const attach = (): void => {
    if (attached || !browser.alarms || !browser.notifications) return;
    attached = true;
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === DIGEST_ALARM) void sendDigest();
    });
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
    void schedule();
  };

  attach();
  browser.permissions.onAdded.addListener(attach);
  for (const name of ['digestEnabled', 'digestTime'] as const)
    watchSetting(name, () => void schedule(), signal);

  return {
    sendDigest,
    /** Called after each stored triage batch, with the summaries it came from. */
    async onStored(results: readonly TriageResult[], messages: readonly MessageSummary[]): Promise<void> {
      const fresh = results.filter((result) => created.delete(result.id) && result.urgency === 'high');
      if (fresh.length === 0 || !(await getSetting('urgentAlerts'))) return;
      const byId = new Map(messages.map((message) => [message.id, message]));
      const mails: NewUrgent[] = fresh.map((result) => {
        const message = byId.get(result.id);
        return {
          id: result.id,
          subject: message?.subject ?? '',
          from: message?.from.name || message?.from.email || '',
        };
      });
      const text = urgentText(mails);
      if (text) await notify(`${URGENT_PREFIX}${mails[0]?.id}`, text);
    },
  };
}
