import { Hono } from 'hono';
import type { AiInfo } from '../../../shared/schemas';
import { PROMPT_VERSION } from '../ai/prompts';
import type { AppEnv } from '../http/app-env';
import { tokensSpentToday } from '../usage/daily-budget';

export function aiRoutes() {
  return new Hono<AppEnv>().get('/v1/ai', async (c) => {
    const { provider, settings } = c.var.ai;
    const body: AiInfo = {
      configured: provider !== null,
      // Host only: a base URL can carry credentials in its user-info or query.
      endpoint: provider?.endpointHost ?? 'api.openai.com',
      model: provider?.model ?? settings.model,
      promptVersion: PROMPT_VERSION,
      budget: {
        dailyTokens: settings.dailyTokenBudget,
        spentToday: await tokensSpentToday(c.var.db, c.var.user.id),
      },
    };
    return c.json(body, 200);
  });
}
