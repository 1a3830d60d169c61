/**
 * Writes rows into the extension's own IndexedDB ('brody', the same database the background's Dexie
 * class opens), from an extension page. The page must have opened the database first, so the stores
 * exist at Dexie's current version. Used by the popup tests and the popup benchmark.
 */
import type { Page } from '@playwright/test';

export type SeedRows = Partial<Record<'tasks' | 'events' | 'threads' | 'prep' | 'triage', unknown[]>>;

export async function seedIndexedDb(page: Page, rows: SeedRows): Promise<void> {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('brody');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Object.keys(rows);
          const tx = db.transaction(names, 'readwrite');
          for (const name of names) {
            const store = tx.objectStore(name);
            for (const row of (rows as Record<string, unknown[]>)[name] ?? []) store.put(row);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

/** A date in the browser's local day, `hour` hours after local midnight, as ISO with offset 'Z'. */
export async function localTodayAt(page: Page, hour: number): Promise<string> {
  return page.evaluate((hour) => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour).toISOString();
  }, hour);
}

export async function localDayString(page: Page, offsetDays = 0): Promise<string> {
  return page.evaluate((offset) => {
    const now = new Date();
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  }, offsetDays);
}
