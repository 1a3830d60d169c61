import { Hono } from 'hono';
import { TriageRequest, type TriageResponse } from '../../../shared/schemas';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { triageWithCache } from '../triage/cached-triage';
import type { TriageEngine } from '../triage/engine';

/** Header reporting how much of a batch came from the cache: `hits=N misses=M`. */
export const CACHE_HEADER = 'x-brody-cache';

export function triageRoutes(engine: TriageEngine) {
  return new Hono<AppEnv>().post('/v1/triage', validate('json', TriageRequest), async (c) => {
    const request = c.req.valid('json');
    const outcome = await triageWithCache(c.var.db, c.var.user.id, request, engine);
    c.header(CACHE_HEADER, `hits=${outcome.hits} misses=${outcome.misses}`);
    const body: TriageResponse = { results: outcome.results, aiStatus: 'off' };
    return c.json(body, 200);
  });
}
