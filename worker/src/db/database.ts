import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** Which driver a Database runs on; reported by /healthz. */
export type DatabaseKind = 'pglite' | 'postgres' | 'neon';

/**
 * The common supertype of the PGlite, node-postgres and Neon drizzle databases, so routes are written
 * once and run on all three.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A database plus what it takes to release its connections. */
export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
  /**
   * PGlite only: the database as `userId` sees it, each statement (and each transaction) scoped to
   * that user on its own (worker/src/db/user-scope.ts). A request then holds PGlite's one connection
   * only for a statement at a time, not for its whole length (model calls included).
   */
  forUser?: (userId: string) => Database;
}
