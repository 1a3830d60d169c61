import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { ApiError, HealthResponse } from '../../../shared/schemas';
import type { DatabaseKind } from '../db/database';
import type { AppEnv } from '../http/app-env';
import { UNAVAILABLE_RETRY_AFTER_S } from '../http/error-handlers';

export function healthRoutes(info: { database: DatabaseKind; version: string }) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    try {
      await c.var.db.execute(sql`select 1`);
    } catch {
      // The driver's message can carry host names and credentials; the status says enough.
      const body: ApiError = { error: { code: 'unavailable', message: 'Database is not reachable' } };
      return c.json(body, 503, { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) });
    }
    const body: HealthResponse = { ok: true, database: info.database, version: info.version };
    return c.json(body, 200);
  });
}
