import { Hono } from 'hono';
import { AUTH_PATHS, type PairingCode } from '../../../shared/auth/contract';
import { issuePairingCode } from '../auth/sessions';
import { isLoopback, sameSecret } from '../http/access';
import { ApiFailure } from '../http/api-failure';
import type { AppEnv } from '../http/app-env';

/**
 * Self-hosted only: `npm run pair` asks the running API for a fresh pairing code. It must come from
 * this machine (loopback address), hold the admin secret from the API's data directory, and not come
 * from a web page (no Origin): a page the user visits can reach 127.0.0.1, but not read that file.
 */
export function localRoutes(adminSecret: string) {
  return new Hono<AppEnv>().post(AUTH_PATHS.pairingCode, async (c) => {
    const ip = c.var.clientIp;
    if (ip === null || !isLoopback(ip.replace(/^::ffff:/, '')) || c.req.header('origin') !== undefined)
      throw new ApiFailure('forbidden', 'Pairing codes are only handed out to this machine');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !sameSecret(match[1], adminSecret)) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiFailure('unauthorized', 'Missing or wrong admin secret');
    }
    const { code, expiresAt } = await issuePairingCode(c.var.db);
    const body: PairingCode = { code, expiresAt: expiresAt.toISOString() };
    return c.json(body, 200);
  });
}
