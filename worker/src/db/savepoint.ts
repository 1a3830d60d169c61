import type { Database } from './database';

/**
 * A write whose failure the caller forgives (a cache, a tally). Inside a request's transaction it runs
 * under a savepoint, so its failure does not abort the transaction and the request's other work.
 */
export function forgivableWrite(db: Database, work: (db: Database) => Promise<void>): Promise<void> {
  return db.transaction((tx) => work(tx as unknown as Database));
}
