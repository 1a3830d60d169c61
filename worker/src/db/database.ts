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
}
