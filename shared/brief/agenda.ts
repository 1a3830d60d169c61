/**
 * Agenda and talking points by rule. The description is someone else's text: its visible lines are
 * listed as they are, except lines that address an AI, which are flagged and left out. Nothing in
 * it is followed, and it never adds people, tasks or statuses.
 */
import { detectInjection } from '../untrusted/injection';
import type { BriefAttendee } from './types';

const MAX_ITEMS = 8;
const MAX_LINE = 200;
const HEADING = /^(?:agenda|topics|notes|discussion)\s*:?\s*$/i;
const BULLET = /^(?:[-*•·–]|\d{1,2}[.)])\s+/;
const REPLY_PREFIX = /^(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+/i;

export interface DescriptionLines {
  items: string[];
  flaggedLines: string[];
  reasons: string[];
}

export function agendaFromDescription(description: string | undefined): DescriptionLines {
  const items: string[] = [];
  const flaggedLines: string[] = [];
  const reasons = new Set<string>();
  const whole = detectInjection(description ?? '');
  for (const reason of whole.reasons) reasons.add(reason);
  for (const raw of (description ?? '').split('\n')) {
    const line = raw.replace(BULLET, '').trim().slice(0, MAX_LINE);
    if (!line || HEADING.test(line)) continue;
    const verdict = detectInjection(line);
    if (verdict.suspicious) {
      flaggedLines.push(line);
      for (const reason of verdict.reasons) reasons.add(reason);
      continue;
    }
    if (items.length < MAX_ITEMS) items.push(line);
  }
  return { items, flaggedLines, reasons: [...reasons] };
}

/** Without a description: the subjects the attendees and the user have been writing about. */
export function agendaFromThreads(attendees: readonly BriefAttendee[]): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  const threads = attendees
    .filter((attendee) => !attendee.isUser)
    .flatMap((attendee) => attendee.threads)
    .sort((a, b) => b.date.localeCompare(a.date));
  for (const thread of threads) {
    const subject = thread.subject.replace(REPLY_PREFIX, '').trim().slice(0, MAX_LINE);
    const key = subject.toLowerCase();
    if (!subject || seen.has(key) || detectInjection(subject).suspicious) continue;
    seen.add(key);
    items.push(subject);
    if (items.length >= 5) break;
  }
  return items;
}

const who = (attendee: BriefAttendee) => attendee.name || attendee.email;

export function talkingPoints(attendees: readonly BriefAttendee[]): string[] {
  const points: string[] = [];
  const others = attendees.filter((attendee) => !attendee.isUser);
  for (const attendee of others) {
    for (const reply of attendee.replies) {
      points.push(
        reply.direction === 'you_owe'
          ? `You owe ${who(attendee)} a reply: ${reply.subject}`
          : `Waiting on ${who(attendee)}: ${reply.subject}`,
      );
    }
  }
  const tasks = new Map(others.flatMap((attendee) => attendee.tasks.map((task) => [task.id, task] as const)));
  for (const task of tasks.values())
    points.push(`Open task: ${task.title}${task.due ? ` (due ${task.due.slice(0, 10)})` : ''}`);
  for (const attendee of others) {
    const urgent = attendee.threads.find((thread) => thread.urgency === 'high');
    if (urgent) points.push(`Urgent with ${who(attendee)}: ${urgent.subject}`);
  }
  return [...new Set(points)].slice(0, 10);
}
