/**
 * The popup's data, read from IndexedDB in the popup itself: no round trip through a service
 * worker that may be asleep, so Today paints from local data at once, online or not. The reads are
 * plain IndexedDB requests (../../background/today/idb.ts): the popup never loads Dexie, whose
 * code and open would stand between the click and the day.
 * Today is read first and painted; the full task list (for the Tasks tab) is read right after,
 * so a thousand tasks never stand between opening the popup and seeing the day.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Task } from '../../../shared/day/model';
import { takeEarlyToday } from '../../background/today/early';
import { BRODY_DB, getAll, openExisting } from '../../background/today/idb';
import { countRatedHigh, EMPTY_TODAY, loadToday, type TodayData } from '../../background/today/load';

export type LocalDay =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  /** `tasks` and `ratedHigh` are read after Today is on screen: null until then. */
  | { state: 'ready'; today: TodayData; tasks: Task[] | null; ratedHigh: number | null };

let database: Promise<IDBDatabase | null> | null = null;
/** The open connection, opened again after the background upgraded the database and closed it. */
function db(): Promise<IDBDatabase | null> {
  database ??= openExisting(BRODY_DB, () => {
    database = null;
  });
  return database;
}

const ready = (today: TodayData): LocalDay => ({ state: 'ready', today, tasks: null, ratedHigh: null });

const problem = (error: unknown): LocalDay => ({
  state: 'error',
  message: error instanceof Error ? error.message : String(error),
});

const readToday = (): Promise<LocalDay> =>
  db()
    .then((open) => (open ? loadToday(open) : EMPTY_TODAY))
    .then(ready, problem);

/** What waits until Today is on screen: every task in the user's order (the Tasks tab), and a count. */
async function afterPaint(): Promise<{ tasks: Task[]; ratedHigh: number }> {
  const open = await db();
  if (!open) return { tasks: [], ratedHigh: 0 };
  const [tasks, ratedHigh] = await Promise.all([
    getAll<Task>(open.transaction('tasks', 'readonly').objectStore('tasks').index('order'), null),
    countRatedHigh(open),
  ]);
  return { tasks, ratedHigh };
}

/**
 * Read by the popup's first script (entrypoints/today-read.ts) while React loads, or started here
 * when that script did not run. Its marks let `npm run bench` tell the page's own start from the read.
 */
const firstRead: Promise<LocalDay> = takeEarlyToday()?.then(ready, problem) ?? readToday();

/**
 * The day as soon as it is read, or 'loading' when that takes longer than `waitMs`: the popup's
 * first render then already holds the day, and a slow disk still gets a "Loading" line quickly.
 */
export function firstDay(waitMs: number): Promise<LocalDay> {
  const loading = new Promise<LocalDay>((resolve) => setTimeout(() => resolve({ state: 'loading' }), waitMs));
  return Promise.race([firstRead, loading]);
}

export function useLocalDay(initial: LocalDay): { day: LocalDay; reload: () => Promise<void> } {
  const [day, setDay] = useState<LocalDay>(initial);
  const readTasks = useCallback(async () => {
    try {
      const rest = await afterPaint();
      setDay((current) => (current.state === 'ready' ? { ...current, ...rest } : current));
    } catch (error) {
      setDay(problem(error));
    }
  }, []);
  const reload = useCallback(async () => {
    const next = await readToday();
    setDay((current) =>
      next.state === 'ready' && current.state === 'ready'
        ? { ...next, tasks: current.tasks, ratedHigh: current.ratedHigh }
        : next,
    );
    if (next.state === 'ready') await readTasks();
  }, [readTasks]);
  useEffect(() => {
    if (initial.state !== 'loading') {
      void readTasks();
      return;
    }
    void firstRead.then((read) => {
      setDay(read);
      if (read.state === 'ready') void readTasks();
    });
  }, [initial, readTasks]);
  return { day, reload };
}
