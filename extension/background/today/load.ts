/**
 * Reads what "Today" shows straight from IndexedDB, with plain requests in one read transaction, so
 * the popup paints without loading Dexie. Every query is bounded by an index or a limit, so the
 * popup paints from thousands of rows without walking them all.
 */

import type {
  CalendarEvent,
  EventPrep,
  PrepStatus,
  ReplyOwed,
  SeenThread,
  Task,
} from '../../../shared/day/model';
import type { CachedTriage } from '../db';
import { getAll, getEach, request, scan } from './idb';
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
  /** Whether any task is open at all (so an empty list can say "no open tasks"). */
  anyOpenTask: boolean;
  urgent: UrgentMail[];
  replies: ReplyOwed[];
  /** Events by id, so a task made from an event can link to it. */
  events: Map<string, CalendarEvent>;
}

/** What Today shows before the background has made the database. */
export const EMPTY_TODAY: TodayData = {
  meetings: [],
  tasks: [],
  anyOpenTask: false,
  urgent: [],
  replies: [],
  events: new Map(),
};

const STORES = ['events', 'tasks', 'triage', 'threads', 'prep'] as const;
type Stores = Record<(typeof STORES)[number], IDBObjectStore>;

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
 * 'completed'): IndexedDB counts and reads a range natively, where a list of keys needs a cursor.
 */
const OPEN_TASKS = () =>
  IDBKeyRange.bound('in_progress' satisfies Task['status'], 'pending' satisfies Task['status']);

const OPEN_STATUSES: readonly Task['status'][] = ['in_progress', 'pending'];

/**
 * Overdue and due-today tasks come first on Today, so when they alone fill the list the rest of the
 * open tasks are never read. Due values may carry a time and offset, so "surely overdue" ends the
 * day before yesterday, the next three days are read whole, and taskUrgency makes the exact call.
 * Surely-overdue tasks rank by due date, oldest first, and that is the index's order: only the
 * first few of each open status are read.
 */
async function loadTopTasks(tasks: IDBObjectStore, now: Date): Promise<{ task: Task; why: TaskUrgency }[]> {
  const yesterday = shiftDay(now, -1);
  const byDue = tasks.index('[status+due]');
  const ranges = OPEN_STATUSES.flatMap((status) => [
    // [status] sorts before every [status, due].
    getAll<Task>(byDue, IDBKeyRange.bound([status], [status, yesterday], false, true), { count: TOP_TASKS }),
    getAll<Task>(byDue, IDBKeyRange.bound([status, yesterday], [status, shiftDay(now, 2)], false, true)),
  ]);
  const early = topTasks((await Promise.all(ranges)).flat(), now);
  if (early.length >= TOP_TASKS && early.every(({ why }) => why !== 'high')) return early;
  return topTasks(await getAll<Task>(tasks.index('status'), OPEN_TASKS()), now);
}

/** The newest threads owing a reply either way; a database from before the owedAt index walks them. */
function loadOwed(threads: IDBObjectStore): Promise<SeenThread[]> {
  if (threads.indexNames.contains('owedAt')) {
    return getAll<SeenThread>(threads.index('owedAt'), null, { count: REPLIES_SHOWN, direction: 'prev' });
  }
  return scan<SeenThread>(
    threads.index('lastAt'),
    null,
    'prev',
    REPLIES_SHOWN,
    (thread) => thread.asksUser || thread.awaitingThem,
  );
}

/**
 * The threads of the newest rated-high rows, read in rounds until URGENT_SHOWN of them are unread
 * (or the rows run out): most rated-high mail is unread, so one small round usually does. The
 * result lines up with `rows` for as far as it was read.
 */
async function unreadThreads(
  threads: IDBObjectStore,
  rows: readonly CachedTriage[],
): Promise<(SeenThread | undefined)[]> {
  const found: (SeenThread | undefined)[] = [];
  let unread = 0;
  while (found.length < rows.length && unread < URGENT_SHOWN) {
    const round = rows.slice(found.length, found.length + 2 * (URGENT_SHOWN - unread));
    const read = await getEach<SeenThread>(
      threads,
      round.map((row) => row.id),
    );
    found.push(...read);
    unread += read.filter((thread) => thread?.unread !== false).length;
  }
  return found;
}

/**
 * Every thread rated high, read or not. IndexedDB counts by walking the index, so the popup asks
 * for this after Today is on screen.
 */
export function countRatedHigh(db: IDBDatabase): Promise<number> {
  return request(db.transaction('triage', 'readonly').objectStore('triage').index('urgency').count('high'));
}

/** Today from Brody's database (the popup opens it with openExisting, the background via Dexie's backendDB()). */
export function loadToday(db: IDBDatabase, now = new Date()): Promise<TodayData> {
  // One read transaction: the day is one consistent snapshot, and IndexedDB schedules one transaction, not one per query.
  const tx = db.transaction(STORES, 'readonly');
  const stores = Object.fromEntries(STORES.map((name) => [name, tx.objectStore(name)])) as Stores;
  return readToday(stores, now);
}

async function readToday(stores: Stores, now: Date): Promise<TodayData> {
  // Start times carry their own offsets, so the index range is a day wider each side and the
  // exact local-day test happens in todaysMeetings.
  const [nearEvents, tasks, firstOpen, recentHigh, owedThreads] = await Promise.all([
    getAll<CalendarEvent>(
      stores.events.index('start'),
      IDBKeyRange.bound(shiftDay(now, -1), shiftDay(now, 2), false, true),
    ),
    loadTopTasks(stores.tasks, now),
    // One key, not a count: IndexedDB counts an index range by walking it.
    request(stores.tasks.index('status').getAllKeys(OPEN_TASKS(), 1)),
    // ['high'] sorts before every ['high', updatedAt], ['high', []] after.
    getAll<CachedTriage>(
      stores.triage.index('[urgency+updatedAt]'),
      IDBKeyRange.bound(['high'], ['high', []]),
      {
        count: URGENT_SCANNED,
        direction: 'prev',
      },
    ),
    loadOwed(stores.threads),
  ]);
  const meetings = todaysMeetings(nearEvents, now);
  const linkedEvents = tasks.flatMap(({ task }) => (task.eventId ? [task.eventId] : []));
  const [preps, threads, taskEvents] = await Promise.all([
    getEach<EventPrep>(
      stores.prep,
      meetings.map((event) => event.id),
    ),
    unreadThreads(stores.threads, recentHigh),
    getEach<CalendarEvent>(stores.events, linkedEvents),
  ]);
  const urgent: UrgentMail[] = [];
  recentHigh.forEach((row, index) => {
    if (index >= threads.length) return;
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
    anyOpenTask: firstOpen.length > 0,
    urgent,
    replies: repliesOwed(owedThreads),
    events,
  };
}
