/**
 * Which items make "Today", in the user's local time. Pure functions over plain rows, so the
 * popup and the daily digest pick the same things and the tests need no database.
 */
import type { CalendarEvent, ReplyOwed, SeenThread, Task } from '../../../shared/day/model';

export const TOP_TASKS = 7;

/** YYYY-MM-DD of `now` in the device's time zone, not UTC: "due today" means the user's today. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The local day a due value falls on: a plain date is that day; a date-time is read in local time. */
export function dueDay(due: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due;
  const time = Date.parse(due);
  return Number.isNaN(time) ? undefined : localDay(new Date(time));
}

export type TaskUrgency = 'overdue' | 'today' | 'high';

/** Why an open task belongs on Today, or undefined when it does not. */
export function taskUrgency(task: Task, now: Date): TaskUrgency | undefined {
  if (task.status === 'completed') return undefined;
  const day = task.due ? dueDay(task.due) : undefined;
  const today = localDay(now);
  if (day && day < today) return 'overdue';
  // A time of day that has already passed today is overdue too.
  if (day === today && task.due && task.due.length > 10 && Date.parse(task.due) < now.getTime())
    return 'overdue';
  if (day === today) return 'today';
  if (task.priority === 'high') return 'high';
  return undefined;
}

const RANK: Record<TaskUrgency, number> = { overdue: 0, today: 1, high: 2 };

/** Overdue first (oldest due first), then due today, then high priority; the user's order breaks ties. */
export function topTasks(
  tasks: readonly Task[],
  now: Date,
  limit = TOP_TASKS,
): { task: Task; why: TaskUrgency }[] {
  return tasks
    .flatMap((task) => {
      const why = taskUrgency(task, now);
      return why ? [{ task, why }] : [];
    })
    .sort(
      (a, b) =>
        RANK[a.why] - RANK[b.why] ||
        (a.why === 'overdue' ? (a.task.due ?? '').localeCompare(b.task.due ?? '') : 0) ||
        a.task.order - b.task.order,
    )
    .slice(0, limit);
}

/** Local midnight to the next local midnight, as epoch ms. */
export function dayBounds(now: Date): { start: number; end: number } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return { start, end };
}

/** Events that start during the user's local today (all-day events by their date), earliest first. */
export function todaysMeetings(events: readonly CalendarEvent[], now: Date): CalendarEvent[] {
  const { start, end } = dayBounds(now);
  const today = localDay(now);
  return events
    .filter((event) => {
      if (event.allDay) return event.start.slice(0, 10) === today;
      const at = Date.parse(event.start);
      return at >= start && at < end;
    })
    .sort((a, b) => Number(b.allDay) - Number(a.allDay) || Date.parse(a.start) - Date.parse(b.start));
}

/** Replies the user owes first, then those they wait for; newest thread first within each. */
export function repliesOwed(threads: readonly SeenThread[]): ReplyOwed[] {
  const owed: ReplyOwed[] = [];
  for (const thread of threads) {
    if (thread.asksUser) owed.push({ thread, direction: 'you_owe' });
    else if (thread.awaitingThem) owed.push({ thread, direction: 'they_owe' });
  }
  return owed.sort(
    (a, b) =>
      Number(b.direction === 'you_owe') - Number(a.direction === 'you_owe') ||
      b.thread.lastAt - a.thread.lastAt,
  );
}

/** Gmail opens a thread by its hex id; rows carry the decimal id the hex is written from. */
export function threadLink(threadId: string): string {
  const hex = /^\d{1,30}$/.test(threadId) ? BigInt(threadId).toString(16) : threadId;
  return `https://mail.google.com/mail/u/0/#all/${encodeURIComponent(hex)}`;
}

export function taskLink(task: Task, events?: ReadonlyMap<string, CalendarEvent>): string | undefined {
  if (task.source.kind === 'thread') return threadLink(task.source.threadId);
  if (task.source.kind === 'event') return events?.get(task.source.eventId)?.link;
  return undefined;
}
