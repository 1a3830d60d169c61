import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { ApiFailure } from './api-failure';
import type { AppEnv } from './app-env';

/**
 * CORS for the allowed origins only. A request whose Origin header names any other site is refused
 * with 403 and gets no CORS headers: without this a web page could still send "simple" cross-site
 * POSTs that change data, even though it could not read the answers. Requests without an Origin
 * (curl, the command line, server-to-server) are not browsers acting for a page and pass.
 */
export function originGuard(allowedOrigins: readonly string[], exposeHeaders: string[]) {
  const allowed = new Set(allowedOrigins);
  const allowedCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization'],
    exposeHeaders,
    maxAge: 600,
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    if (!allowed.has(origin)) throw new ApiFailure('forbidden', 'Origin not allowed');
    return allowedCors(c, next);
  });
}
