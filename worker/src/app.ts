import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LIMITS } from '../../shared/schemas';
import type { AiProvider } from './ai/provider';
import { type AiSettings, DEFAULT_AI_SETTINGS } from './ai/settings';
import { AiMemo } from './cache/ai-memo';
import type { Database, DatabaseKind } from './db/database';
import { requireLoopbackHost, requireToken } from './http/access';
import { ApiFailure } from './http/api-failure';
import type { AppEnv } from './http/app-env';
import { createErrorHandler, notFound } from './http/error-handlers';
import { originGuard } from './http/origin-guard';
import { safeForLog } from './http/safe-log';
import { aiRoutes } from './routes/ai';
import { briefRoutes } from './routes/briefs';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import { threadRoutes } from './routes/threads';
import { AI_CACHE_HEADER, CACHE_HEADER, triageRoutes } from './routes/triage';
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
  /**
   * The model behind `ai: true` requests; absent or null → rules only, reported as 'unconfigured'.
   * A function makes one provider per request: Workers may not let one request wait on a promise
   * another request settles, which a process-wide concurrency gate does.
   */
  ai?: AiProvider | null | (() => AiProvider | null);
  /** Budget, batch size and concurrency; defaults suit tests, production reads them from the env. */
  aiSettings?: Partial<AiSettings>;
  /** Defaults to one that shares in-flight model calls between requests (right for Node, not Workers). */
  aiMemo?: AiMemo;
  /** Set on a deployed API: /v1/* then requires `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
  /** Set on the loopback API: the Host names it answers to (DNS rebinding defence). */
  allowedHosts?: () => ReadonlySet<string>;
}

export function createApp(deps: AppDeps) {
  const report = deps.reportError ?? ((error: unknown) => console.error('[api]', error));
  // Every report passes here: a failed query's parameters and a driver's quoted values stay out of logs.
  const reportError = (error: unknown) => report(safeForLog(error));
  const aiMemo = deps.aiMemo ?? new AiMemo();
  const settings: AiSettings = { ...DEFAULT_AI_SETTINGS, ...deps.aiSettings };
  const fixedOrFactory = deps.ai;
  const aiFor = typeof fixedOrFactory === 'function' ? fixedOrFactory : () => fixedOrFactory ?? null;
  const allowedHosts = deps.allowedHosts;
  const apiToken = deps.apiToken;
  const app = new Hono<AppEnv>()
    .use('*', allowedHosts ? requireLoopbackHost(allowedHosts) : (_c, next) => next())
    .use('*', originGuard(deps.allowedOrigins, [CACHE_HEADER, AI_CACHE_HEADER, 'Retry-After']))
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
      c.set('ai', { provider: aiFor(), settings });
      c.set('reportError', reportError);
      c.set('aiMemo', aiMemo);
      await next();
    })
    .use('/v1/*', apiToken !== undefined ? requireToken(apiToken) : (_c, next) => next())
    .use('/v1/*', localUserMiddleware(deps.db))
    .route('/', healthRoutes({ database: deps.database, version: deps.version }))
    .route('/', triageRoutes(deps.engine ?? ruleEngine))
    .route('/', threadRoutes())
    .route('/', aiRoutes())
    .route('/', syncRoutes())
    .route('/', briefRoutes());

  app.onError(createErrorHandler(reportError, () => databaseAnswers(deps.db)));
  app.notFound(notFound);
  return app;
}

/** A one-row probe, bounded: a database that hangs counts as one that is gone. */
async function databaseAnswers(db: Database): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_PROBE_MS);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
const DATABASE_PROBE_MS = 2_000;

export type AppType = ReturnType<typeof createApp>;
