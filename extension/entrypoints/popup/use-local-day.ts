/**
 * The popup's data, read from IndexedDB in the popup itself: no round trip through a service
 * worker that may be asleep, so Today paints from local data at once, online or not.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Task } from '../../../shared/day/model';
import { BrodyDatabase } from '../../background/db';
import { loadToday, type TodayData } from '../../background/today/load';

export type LocalDay =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; today: TodayData; tasks: Task[] };

let database: BrodyDatabase | null = null;
function db(): BrodyDatabase {
  database ??= new BrodyDatabase();
  return database;
}

async function read(): Promise<LocalDay> {
  const [today, tasks] = await Promise.all([loadToday(db()), db().tasks.orderBy('order').toArray()]);
  return { state: 'ready', today, tasks };
}

export function useLocalDay(): { day: LocalDay; reload: () => Promise<void> } {
  const [day, setDay] = useState<LocalDay>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      setDay(await read());
    } catch (error) {
      setDay({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { day, reload };
}
