import { Hono } from 'hono';
import { PullRequestSchema, PushRequestSchema } from '../../../shared/sync/schemas';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';
import { applyPush, pullChanges } from '../sync/store';

/**
 * Cross-device sync of the user's own rows (tasks, learned rules, preparation, settings). The device
 * is the one the access token names: a body's `deviceId` is checked for shape and otherwise ignored,
 * so one device cannot push or pull as another.
 */
export function syncRoutes() {
  return new Hono<AppEnv>()
    .post('/v1/sync/push', validate('json', PushRequestSchema), async (c) => {
      const push = { ...c.req.valid('json'), deviceId: c.var.user.deviceId };
      return c.json(await applyPush(c.var.db, c.var.user.id, push), 200);
    })
    .post('/v1/sync/pull', validate('json', PullRequestSchema), async (c) => {
      const { cursor } = c.req.valid('json');
      return c.json(await pullChanges(c.var.db, c.var.user.id, c.var.user.deviceId, cursor), 200);
    });
}
