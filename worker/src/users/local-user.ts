import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/database';
import { users } from '../db/schema';
import { ApiFailure } from '../http/api-failure';
import type { ApiUser, AppEnv } from '../http/app-env';

/** Until accounts exist every request acts as this one user; queries are still scoped by its id. */
export const LOCAL_USER: ApiUser = { id: 'local' };

async function ensureUser(db: Database, user: ApiUser): Promise<void> {
  await db.insert(users).values({ id: user.id }).onConflictDoNothing();
}

/** Creates the local user row on first use, once per app instance (retried if that insert failed). */
export function localUserMiddleware(db: Database) {
  let ready: Promise<void> | null = null;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (ready === null) {
      ready = ensureUser(db, LOCAL_USER).catch((error: unknown) => {
        ready = null;
        // The first query of every /v1 request: failing here means the database is unreachable.
        throw new ApiFailure('unavailable', 'Database is not reachable', { cause: error });
      });
    }
    await ready;
    c.set('user', LOCAL_USER);
    await next();
  });
}
