import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Database } from '../db/database';
import { asUser } from '../db/user-scope';
import { ApiFailure } from '../http/api-failure';
import type { AppEnv } from '../http/app-env';
import { activeDeviceUser } from './sessions';
import { verifyAccessToken } from './tokens';

/** Thrown inside the request's transaction to roll it back after the handler answered with an error. */
class RolledBack extends Error {}

export interface RequestDatabase {
  db: Database;
  close(): Promise<void>;
}

/**
 * Every /v1 route past sign-in: a valid access token names the user and device (the device must
 * still be signed in), and the whole request then runs in one transaction scoped to that user
 * (worker/src/db/user-scope.ts). A handler that answers with an error rolls its writes back.
 * `perRequest` opens a database for the request when the app's own cannot hold a transaction open
 * (Neon over HTTP on Workers). `userDatabase` (PGlite) scopes each statement on its own instead: the
 * request's writes then commit one by one, as they did before accounts.
 */
/** The request acts as the token's user through `db`, once that device is still signed in. */
async function actAs(c: Context<AppEnv>, db: Database, claims: { userId: string; deviceId: string }) {
  if (!(await activeDeviceUser(db, claims.userId, claims.deviceId))) {
    c.header('WWW-Authenticate', 'Bearer');
    throw new ApiFailure('unauthorized', 'This device is signed out');
  }
  c.set('db', db);
  c.set('user', { id: claims.userId, deviceId: claims.deviceId });
}

export function requireUser(
  key: Uint8Array,
  perRequest?: () => RequestDatabase,
  userDatabase?: (userId: string) => Database,
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const claims = match?.[1] ? await verifyAccessToken(match[1], key) : null;
    if (claims === null) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiFailure('unauthorized', 'Missing, expired or invalid access token');
    }
    if (userDatabase !== undefined) {
      await actAs(c, userDatabase(claims.userId), claims);
      return next();
    }
    const opened = perRequest?.();
    const db = opened?.db ?? c.var.db;
    try {
      await asUser(db, claims.userId, async (tx) => {
        await actAs(c, tx, claims);
        await next();
        if (c.error !== undefined) throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    } finally {
      await opened?.close();
    }
  });
}
