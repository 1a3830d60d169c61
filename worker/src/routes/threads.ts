import { Hono } from 'hono';
import { type ThreadSummary, ThreadSummaryRequest } from '../../../shared/schemas';
import { summarizeThreadWithRules } from '../../../shared/summary';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { BudgetExceeded, summarizeWithAi } from '../threads/ai-summary';
import { secondsUntilReset } from '../usage/daily-budget';

export function threadRoutes() {
  return new Hono<AppEnv>().post('/v1/threads/summary', validate('json', ThreadSummaryRequest), async (c) => {
    const request = c.req.valid('json');
    // Cheap and local: the answer whenever AI is off, unconfigured or failing.
    const rules = summarizeThreadWithRules(request);
    if (!request.ai) return c.json({ ...rules, aiStatus: 'off' } satisfies ThreadSummary, 200);
    const { provider, settings } = c.var.ai;
    if (provider === null) return c.json({ ...rules, aiStatus: 'unconfigured' } satisfies ThreadSummary, 200);

    try {
      const outcome = await summarizeWithAi(request, rules.suspicious, {
        db: c.var.db,
        userId: c.var.user.id,
        provider,
        settings,
        reportError: c.var.reportError,
        memo: c.var.aiMemo,
      });
      if (outcome.kind === 'ai') return c.json(outcome.summary, 200);
      return c.json({ ...rules, aiStatus: outcome.aiStatus } satisfies ThreadSummary, 200);
    } catch (error) {
      // The error handler renders the body; the client learns here when to try again.
      if (error instanceof BudgetExceeded) c.header('Retry-After', String(secondsUntilReset()));
      throw error;
    }
  });
}
