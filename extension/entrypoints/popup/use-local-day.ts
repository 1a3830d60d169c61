/**
 * The popup's data, read from IndexedDB in the popup itself: no round trip through a service
 * worker that may be asleep, so Today paints from local data at once, online or not.
 * Today is read first and painted; the full task list (for the Tasks tab) is read right after,
 * so a thousand tasks never stand between opening the popup and seeing the day.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Task } from '../../../shared/day/model';
import { BrodyDatabase } from '../../background/db';
import { loadToday, type TodayData } from '../../background/today/load';

export type LocalDay =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; today: TodayData; tasks: Task[] | null };

let database: BrodyDatabase | null = null;
function db(): BrodyDatabase {
  database ??= new BrodyDatabase();
  return database;
}

const problem = (error: unknown): LocalDay => ({
  state: 'error',
  message: error instanceof Error ? error.message : String(error),
});

const readToday = (): Promise<LocalDay> =>
  loadToday(db()).then((today): LocalDay => ({ state: 'ready', today, tasks: null }), problem);

/**
 * Started when the popup's script starts, before React mounts, so the database works meanwhile.
 * The two marks let `npm run bench` tell the page's own start from the read.
 */
performance.mark('brody:read-start');
const firstRead = readToday().finally(() => performance.mark('brody:read-end'));

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
      const tasks = await db().tasks.orderBy('order').toArray();
      setDay((current) => (current.state === 'ready' ? { ...current, tasks } : current));
    } catch (error) {
      setDay(problem(error));
    }
  }, []);
  const reload = useCallback(async () => {
    const next = await readToday();
    setDay((current) =>
      next.state === 'ready' && current.state === 'ready' ? { ...next, tasks: current.tasks } : next,
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
