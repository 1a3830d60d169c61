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

/** Started when the popup's script starts, before React mounts, so the database works meanwhile. */
let firstRead: Promise<TodayData> | null = loadToday(db());

export function useLocalDay(): { day: LocalDay; reload: () => Promise<void> } {
  const [day, setDay] = useState<LocalDay>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      const pending = firstRead ?? loadToday(db());
      firstRead = null;
      const today = await pending;
      setDay((current) => ({
        state: 'ready',
        today,
        tasks: current.state === 'ready' ? current.tasks : null,
      }));
      const tasks = await db().tasks.orderBy('order').toArray();
      setDay((current) => (current.state === 'ready' ? { ...current, tasks } : current));
    } catch (error) {
      setDay(problem(error));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { day, reload };
}
