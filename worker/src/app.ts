import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../../shared/schemas';
import type { Database, DatabaseKind } from './db/database';
import { ApiFailure } from './http/api-failure';
import type { AppEnv } from './http/app-env';
import { createErrorHandler, notFound } from './http/error-handlers';
import { originGuard } from './http/origin-guard';
import { healthRoutes } from './routes/health';
import { CACHE_HEADER, triageRoutes } from './routes/triage';
import { ruleEngine, type TriageEngine } from './triage/engine';
import { localUserMiddleware } from './users/local-user';

export interface AppDeps {
  db: Database;
  database: DatabaseKind;
  /** Exact origins allowed to call from a browser (the extension's); other origins get 403, no CORS headers. */
  allowedOrigins: string[];
  version: string;
  /** Defaults to the rule engine from shared/triage. */
  engine?: TriageEngine;
  /** Where unexpected errors go; never to the client. Defaults to console.error. */
  reportError?: (error: unknown) => void;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
    .use('*', originGuard(deps.allowedOrigins, [CACHE_HEADER]))
    .use(
      '*',
      bodyLimit({
        maxSize: LIMITS.requestBytes,
        onError: () => {
          throw new ApiFailure('payload_too_large', `Request body is over ${LIMITS.requestBytes} bytes`);
        },
      }),
    )
    .use('*', async (c, next) => {
      c.set('db', deps.db);
      await next();
    })
    .use('/v1/*', localUserMiddleware(deps.db))
    .route('/', healthRoutes({ database: deps.database, version: deps.version }))
    .route('/', triageRoutes(deps.engine ?? ruleEngine));

  app.onError(createErrorHandler(deps.reportError ?? ((error) => console.error('[api]', error))));
  app.notFound(notFound);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
