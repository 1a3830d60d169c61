/**
 * Plain IndexedDB reads for the one path that must not wait for Dexie to load and open: the popup's
 * Today. Dexie owns the schema (../db.ts) and every write; this only reads its stores and indexes
 * under the names Dexie gives them ('[status+due]' for a compound index).
 */

export const BRODY_DB = 'brody';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Opens Brody's database at whatever version the background made it, or null when the background
 * has not made it yet: a page must never create it (Dexie would then find an empty version 1).
 * The connection closes itself when the background needs to upgrade, and then calls `onClosed`.
 */
export function openExisting(name = BRODY_DB, onClosed?: () => void): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    let missing = false;
    req.onupgradeneeded = () => {
      missing = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        onClosed?.();
      };
      db.onclose = () => onClosed?.();
      resolve(db);
    };
    req.onerror = () => (missing ? resolve(null) : reject(req.error ?? new Error(`cannot open ${name}`)));
  });
}

type Source = IDBObjectStore | IDBIndex;
type Query = IDBKeyRange | IDBValidKey | null;

/** Chromium 141+ reads a range backwards in one request; elsewhere a cursor walks it. */
function hasDirectedGetAll(): boolean {
  return typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;
}

interface DirectedGetAll {
  getAll(options: { query: Query; count?: number; direction: IDBCursorDirection }): IDBRequest<unknown[]>;
}

/** Rows of `source` within `query`, at most `count`, newest key first when direction is 'prev'. */
export function getAll<T>(
  source: Source,
  query: Query,
  { count, direction = 'next' }: { count?: number; direction?: 'next' | 'prev' } = {},
): Promise<T[]> {
  if (direction === 'next') return request(source.getAll(query, count)) as Promise<T[]>;
  if (hasDirectedGetAll()) {
    return request((source as unknown as DirectedGetAll).getAll({ query, count, direction })) as Promise<T[]>;
  }
  return scan<T>(source, query, direction, count ?? Number.POSITIVE_INFINITY, () => true);
}

/** Walks `source` with a cursor and keeps the first `limit` rows that pass `keep`. */
export function scan<T>(
  source: Source,
  query: Query,
  direction: IDBCursorDirection,
  limit: number,
  keep: (row: T) => boolean,
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const rows: T[] = [];
    const req = source.openCursor(query, direction);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || rows.length >= limit) return resolve(rows);
      const row = cursor.value as T;
      if (keep(row)) rows.push(row);
      if (rows.length >= limit) return resolve(rows);
      cursor.continue();
    };
  });
}

/** One row per key, undefined where none is stored (Dexie's bulkGet). */
export function getEach<T>(store: IDBObjectStore, keys: readonly IDBValidKey[]): Promise<(T | undefined)[]> {
  return Promise.all(keys.map((key) => request(store.get(key)) as Promise<T | undefined>));
}
