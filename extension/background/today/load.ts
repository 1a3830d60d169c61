/**
 * Reads what "Today" shows straight from IndexedDB. Every query is bounded by an index or a limit,
 * so the popup paints from thousands of rows without walking them all.
 */

import Dexie from 'dexie';
import type { CalendarEvent, PrepStatus, ReplyOwed, SeenThread, Task } from '../../../shared/day/model';
import type { BrodyDatabase } from '../db';
import { localDay, repliesOwed, type TaskUrgency, TOP_TASKS, todaysMeetings, topTasks } from './select';

const URGENT_SHOWN = 10;
/** Read rated-high threads are skipped, so look a little further than what is shown. */
const URGENT_SCANNED = 60;
const REPLIES_SHOWN = 10;

export interface UrgentMail {
  id: string;
  subject: string;
  from?: string;
  /** The badge's one-line reason, for threads Brody rated but has no subject for. */
  reason: string;
  unread: boolean | undefined;
}

export interface TodayData {
  meetings: { event: CalendarEvent; prep: PrepStatus }[];
  tasks: { task: Task; why: TaskUrgency }[];
  openTasks: number;
  urgent: UrgentMail[];
  /** Every thread rated high, read or not. */
  ratedHigh: number;
  replies: ReplyOwed[];
  /** Events by id, so a task made from an event can link to it. */
  events: Map<string, CalendarEvent>;
}

function shiftDay(now: Date, days: number): string {
  return localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
}

function displayName(thread: SeenThread | undefined): string | undefined {
  const from = thread?.lastFrom;
  if (!from) return undefined;
  return thread.names?.[from] ?? from;
}

/**
 * Open tasks as one index range ('in_progress' and 'pending' sort next to each other, after
 * 'completed'): IndexedDB counts and reads a range natively, where anyOf walks a cursor row by row.
 */
const openTasks = (db: BrodyDatabase) =>
  db.tasks
    .where('status')
    .between('in_progress' satisfies Task['status'], 'pending' satisfies Task['status'], true, true);

/**
 * Overdue and due-today tasks come first on Today, so when they alone fill the list the rest of the
 * open tasks are never read. Due values may carry a time and offset, so "surely overdue" ends the
 * day before yesterday, the next three days are read whole, and taskUrgency makes the exact call.
 * Surely-overdue tasks rank by due date, oldest first, and that is the index's order: only the
 * first few of each open status are read.
 */
async function loadTopTasks(db: BrodyDatabase, now: Date): Promise<{ task: Task; why: TaskUrgency }[]> {
  const yesterday = shiftDay(now, -1);
  const ranges = OPEN_STATUSES.flatMap((status) => [
    db.tasks
      .where('[status+due]')
      .between([status, Dexie.minKey], [status, yesterday], true, false)
      .limit(TOP_TASKS)
      .toArray(),
    db.tasks
      .where('[status+due]')
      .between([status, yesterday], [status, shiftDay(now, 2)], true, false)
      .toArray(),
  ]);
  const early = topTasks((await Promise.all(ranges)).flat(), now);
  if (early.length >= TOP_TASKS && early.every(({ why }) => why !== 'high')) return early;
  return topTasks(await openTasks(db).toArray(), now);
}

const OPEN_STATUSES: readonly Task['status'][] = ['in_progress', 'pending'];

export function loadToday(db: BrodyDatabase, now = new Date()): Promise<TodayData> {
  // One read transaction: the day is one consistent snapshot, and IndexedDB schedules one transaction, not one per query.
  return db.transaction('r', [db.events, db.tasks, db.triage, db.threads, db.prep], () => readToday(db, now));
}

async function readToday(db: BrodyDatabase, now: Date): Promise<TodayData> {
  // Start times carry their own offsets, so the index range is a day wider each side and the
  // exact local-day test happens in todaysMeetings.
  const [nearEvents, tasks, openCount, recentHigh, ratedHigh, owedThreads] = await Promise.all([
    db.events.where('start').between(shiftDay(now, -1), shiftDay(now, 2)).toArray(),
    loadTopTasks(db, now),
    openTasks(db).count(),
    db.triage
      .where('[urgency+updatedAt]')
      .between(['high', Dexie.minKey], ['high', Dexie.maxKey])
      .reverse()
      .limit(URGENT_SCANNED)
      .toArray(),
    db.triage.where('urgency').equals('high').count(),
    db.threads
      .orderBy('lastAt')
      .reverse()
      .filter((thread) => thread.asksUser || thread.awaitingThem)
      .limit(REPLIES_SHOWN)
      .toArray(),
  ]);
  const meetings = todaysMeetings(nearEvents, now);
  const linkedEvents = tasks.flatMap(({ task }) => (task.eventId ? [task.eventId] : []));
  const [preps, threads, taskEvents] = await Promise.all([
    db.prep.bulkGet(meetings.map((event) => event.id)),
    db.threads.bulkGet(recentHigh.map((row) => row.id)),
    db.events.bulkGet(linkedEvents),
  ]);
  const urgent: UrgentMail[] = [];
  recentHigh.forEach((row, index) => {
    const thread = threads[index];
    if (thread?.unread === false || urgent.length >= URGENT_SHOWN) return;
    urgent.push({
      id: row.id,
      subject: thread?.subject ?? '',
      from: displayName(thread),
      reason: row.result.reasons[0]?.text ?? 'rated high',
      unread: thread?.unread,
    });
  });
  const events = new Map<string, CalendarEvent>();
  for (const event of [...meetings, ...taskEvents]) if (event) events.set(event.id, event);
  return {
    meetings: meetings.map((event, index) => ({ event, prep: preps[index]?.status ?? 'not_started' })),
    tasks,
    openTasks: openCount,
    urgent,
    ratedHigh,
    replies: repliesOwed(owedThreads),
    events,
  };
}
