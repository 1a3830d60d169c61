import { Hono } from 'hono';
import { TriageRequest, type TriageResponse } from '../../../shared/schemas';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { layerAiOnRules } from '../triage/ai-triage';
import { triageWithCache } from '../triage/cached-triage';
import type { TriageEngine } from '../triage/engine';

/** Header reporting how much of a batch came from the cache: `hits=N misses=M`. */
export const CACHE_HEADER = 'x-brody-cache';
/** Header reporting the AI cache for a batch: `hits=N sent=M` (M distinct contents sent to the model). */
export const AI_CACHE_HEADER = 'x-brody-ai-cache';

export function triageRoutes(engine: TriageEngine) {
  return new Hono<AppEnv>().post('/v1/triage', validate('json', TriageRequest), async (c) => {
    const request = c.req.valid('json');
    // Rules first, always: every message has a result even when the model fails or is off.
    const outcome = await triageWithCache(c.var.db, c.var.user.id, request, engine);
    c.header(CACHE_HEADER, `hits=${outcome.hits} misses=${outcome.misses}`);
    const ai = await layerAiOnRules(request, outcome.results, {
      db: c.var.db,
      userId: c.var.user.id,
      provider: c.var.ai.provider,
      settings: c.var.ai.settings,
      reportError: c.var.reportError,
    });
    if (request.ai) c.header(AI_CACHE_HEADER, `hits=${ai.cacheHits} sent=${ai.sentToModel}`);
    const body: TriageResponse = { results: ai.results, aiStatus: ai.aiStatus };
    return c.json(body, 200);
  });
}
