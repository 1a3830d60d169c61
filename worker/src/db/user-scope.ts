import { sql } from 'drizzle-orm';
import type { Database } from './database';

/** The role requests run as (worker/drizzle/0004_row_security.sql): row-level security applies to it. */
export const APP_ROLE = 'brody_app';

/**
 * Runs `work` in one transaction as `brody_app`, with `brody.user_id` set to `userId` for that
 * transaction only: the user-data tables then show and accept only that user's rows, whatever a query
 * forgets. Needs a driver with interactive transactions (node-postgres, PGlite, Neon's WebSocket Pool).
 */
export function asUser<T>(db: Database, userId: string, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('brody.user_id', ${userId}, true)`,
    );
    return work(tx as unknown as Database);
  });
}
