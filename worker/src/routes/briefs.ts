import { Hono } from 'hono';
import { BriefRequest, type BriefResponse } from '../../../shared/schemas';
import { briefWithAi } from '../briefs/ai-brief';
import { briefWithRules } from '../briefs/rules-brief';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { BudgetExceeded } from '../threads/ai-summary';
import { secondsUntilReset } from '../usage/daily-budget';

export function briefRoutes() {
  return new Hono<AppEnv>().post('/v1/briefs', validate('json', BriefRequest), async (c) => {
    const request = c.req.valid('json');
    if (!request.ai) return c.json(briefWithRules(request, 'off') satisfies BriefResponse, 200);
    const { provider, settings } = c.var.ai;
    if (provider === null)
      return c.json(briefWithRules(request, 'unconfigured') satisfies BriefResponse, 200);
    try {
      const outcome = await briefWithAi(request, {
        db: c.var.db,
        userId: c.var.user.id,
        provider,
        settings,
        reportError: c.var.reportError,
      });
      if (outcome.kind === 'ai') return c.json(outcome.brief satisfies BriefResponse, 200);
      return c.json(briefWithRules(request, outcome.aiStatus) satisfies BriefResponse, 200);
    } catch (error) {
      if (error instanceof BudgetExceeded) c.header('Retry-After', String(secondsUntilReset()));
      throw error;
    }
  });
}
