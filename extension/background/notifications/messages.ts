/**
 * What Brody's notifications say, and when the digest fires. Pure: the words come from local data
 * only, and a mail's subject and sender go in as plain text (notifications render no markup).
 */
import type { TodayData } from '../today/load';

export const DIGEST_ALARM = 'brody-digest';
export const DIGEST_NOTIFICATION = 'brody-digest';
export const URGENT_PREFIX = 'brody-urgent:';

/**
 * Where a click on one of Brody's notifications goes: the digest opens Today, an urgent mail its
 * thread in Gmail. Anything else is not Brody's and opens nothing.
 */
export function notificationTarget(
  id: string,
  todayUrl: string,
  threadUrl: (threadId: string) => string,
): string | undefined {
  if (id === DIGEST_NOTIFICATION) return todayUrl;
  if (id.startsWith(URGENT_PREFIX) && id.length > URGENT_PREFIX.length)
    return threadUrl(id.slice(URGENT_PREFIX.length));
  return undefined;
}

/** The next local time `hhmm` strictly after `now`, as epoch ms. */
export function nextDigestAt(now: Date, hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours ?? 8, minutes ?? 30);
  if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 1);
  return at.getTime();
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function digestText(today: TodayData): { title: string; message: string } {
  const parts = [
    count(today.meetings.length, 'meeting', 'meetings'),
    count(today.tasks.length, 'top task', 'top tasks'),
    count(today.urgent.length, 'urgent mail', 'urgent mails'),
    count(today.replies.filter((r) => r.direction === 'you_owe').length, 'reply owed', 'replies owed'),
  ];
  const first = today.meetings[0]?.event.title ?? today.tasks[0]?.task.title;
  return {
    title: 'Prepare your day',
    message: `${parts.join(' · ')}${first ? `\nFirst: ${first}` : ''}`.slice(0, 300),
  };
}

export interface NewUrgent {
  id: string;
  subject: string;
  from: string;
}

/** One notification per batch: a first Gmail visit must not fire one per row. */
export function urgentText(mails: readonly NewUrgent[]): { title: string; message: string } | null {
  const first = mails[0];
  if (!first) return null;
  const title = mails.length === 1 ? `Urgent: ${first.from}` : `${mails.length} new urgent mails`;
  const message = mails.length === 1 ? first.subject : `${first.from}: ${first.subject}`;
  return { title: title.slice(0, 120), message: (message || '(no subject)').slice(0, 300) };
}
