/**
 * Today's first read, started as early as the popup can start it (entrypoints/today-read.ts), and
 * handed to the popup's module through one global slot.
 */
import { openExisting } from './idb';
import { EMPTY_TODAY, loadToday, type TodayData } from './load';

const EARLY_TODAY_KEY = '__brodyEarlyToday';

type EarlySlot = { [EARLY_TODAY_KEY]?: Promise<TodayData> };

/** Opens the database, reads Today and closes its connection (the popup opens its own for later reads). */
async function readOnce(): Promise<TodayData> {
  const db = await openExisting();
  if (!db) return EMPTY_TODAY;
  try {
    return await loadToday(db);
  } finally {
    db.close();
  }
}

export function earlyTodayRead(): void {
  performance.mark('brody:read-start');
  const read = readOnce();
  read.then(
    () => performance.mark('brody:read-end'),
    () => undefined,
  );
  (globalThis as EarlySlot)[EARLY_TODAY_KEY] = read;
}

/** The early read, once: a later read (a reload) must see the database as it is then. */
export function takeEarlyToday(): Promise<TodayData> | undefined {
  const slot = globalThis as EarlySlot;
  const read = slot[EARLY_TODAY_KEY];
  delete slot[EARLY_TODAY_KEY];
  return read;
}
