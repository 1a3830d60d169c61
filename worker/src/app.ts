import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AUTH_PATHS } from '../../shared/auth/contract';
import { LIMITS } from '../../shared/schemas';
import type { AiProvider } from './ai/provider';
import { type AiSettings, DEFAULT_AI_SETTINGS } from './ai/settings';
import { type GoogleConfig, type GoogleVerifier, googleVerifier } from './auth/google';
import { type RequestDatabase, requireUser } from './auth/middleware';
import { DEFAULT_ACCESS_TOKEN_SECONDS } from './auth/sessions';
import { randomToken, secretKey } from './auth/tokens';
import { AiMemo } from './cache/ai-memo';
import type { Database, DatabaseKind } from './db/database';
import { requireLoopbackHost } from './http/access';
import { ApiFailure } from './http/api-failure';
import type { AppEnv } from './http/app-env';
import { createErrorHandler, notFound } from './http/error-handlers';
import { originGuard } from './http/origin-guard';
import { type RateLimits, rateLimit, TokenBuckets } from './http/rate-limit';
import { safeForLog } from './http/safe-log';
import { accountRoutes } from './routes/account';
import { aiRoutes } from './routes/ai';
import { authRoutes } from './routes/auth';
import { briefRoutes } from './routes/briefs';
import { healthRoutes } from './routes/health';
import { localRoutes } from './routes/local';
import { syncRoutes } from './routes/sync';
import { threadRoutes } from './routes/threads';
import { AI_CACHE_HEADER, CACHE_HEADER, triageRoutes } from './routes/triage';
import { ruleEngine, type TriageEngine } from './triage/engine';

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
  /** Signs access tokens (HS256). Unset → a random one per app: sessions end with the process. */
  authSecret?: string;
  accessTokenSeconds?: number;
  /** Set → POST /v1/auth/google verifies Google ID tokens for this client id; unset → 404 there. */
  google?: GoogleConfig | GoogleVerifier;
  /** The OAuth client id GET /v1/auth/methods names when `google` is a verifier rather than a config. */
  googleClientId?: string;
  /** Set on the self-hosted API: POST /local/pairing-code hands out pairing codes to its holder. */
  localAdminSecret?: string;
  /** The client's address (Node: the socket's; Workers: CF-Connecting-IP). */
  clientIp?: (c: Context<AppEnv>) => string | null;
  /** Unset → no limits (tests); the Node and Worker entries pass theirs. */
  rateLimits?: RateLimits;
  /**
   * For drivers that cannot hold a transaction open across queries (neon-http): a database opened per
   * signed-in request, in which that request's transaction runs.
   */
  perRequestDatabase?: () => RequestDatabase;
  /**
   * For PGlite (one connection): the database as one user sees it, each statement scoped on its own,
   * used instead of one transaction per request, which would make requests wait for each other.
   */
  userDatabase?: (userId: string) => Database;
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
  const key = secretKey(deps.authSecret ?? randomToken());
  const authConfig = { key, accessTokenSeconds: deps.accessTokenSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS };
  const google =
    deps.google === undefined
      ? null
      : typeof deps.google === 'function'
        ? deps.google
        : googleVerifier(deps.google);
  const googleClientId =
    deps.google === undefined
      ? undefined
      : typeof deps.google === 'function'
        ? deps.googleClientId
        : deps.google.clientId;
  const clientIp = deps.clientIp ?? (() => null);
  const limits = deps.rateLimits;
  const ipKey = (c: Context<AppEnv>) => c.var.clientIp ?? 'unknown';
  const noLimit = (_c: Context<AppEnv>, next: () => Promise<void>) => next();
  const signedIn = requireUser(key, deps.perRequestDatabase, deps.userDatabase);
  const signInLimit = limits ? rateLimit(new TokenBuckets(limits.signInPerIp), ipKey) : noLimit;
  const app = new Hono<AppEnv>()
    .use('*', allowedHosts ? requireLoopbackHost(allowedHosts) : (_c, next) => next())
    .use(
      '*',
      originGuard(deps.allowedOrigins, [CACHE_HEADER, AI_CACHE_HEADER, 'Retry-After', 'Content-Disposition']),
    )
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
      c.set('clientIp', clientIp(c));
      await next();
    })
    .use('/v1/*', limits ? rateLimit(new TokenBuckets(limits.perIp), ipKey) : noLimit)
    .use(AUTH_PATHS.pair, signInLimit)
    .use(AUTH_PATHS.google, signInLimit)
    .use(AUTH_PATHS.refresh, signInLimit)
    .use('/local/*', signInLimit)
    .use('/v1/*', (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : signedIn(c, next)))
    .use('/v1/*', limits ? rateLimitUsers(new TokenBuckets(limits.perUser)) : noLimit)
    .route('/', healthRoutes({ database: deps.database, version: deps.version }))
    .route(
      '/',
      authRoutes(authConfig, google, {
        pairing: deps.localAdminSecret !== undefined,
        google: googleClientId === undefined ? null : { clientId: googleClientId },
      }),
    )
    .route('/', accountRoutes())
    .route('/', triageRoutes(deps.engine ?? ruleEngine))
    .route('/', threadRoutes())
    .route('/', aiRoutes())
    .route('/', syncRoutes())
    .route('/', briefRoutes());
  if (deps.localAdminSecret !== undefined) app.route('/', localRoutes(deps.localAdminSecret));

  function rateLimitUsers(buckets: TokenBuckets) {
    const limit = rateLimit(buckets, (c) => `user:${c.var.user.id}`);
    return (c: Context<AppEnv>, next: () => Promise<void>) =>
      c.var.user === undefined ? next() : limit(c, next).then(() => undefined);
  }

  // Inside a request's transaction, that transaction asks first: on PGlite (one connection) a probe
  // from outside would wait for it to end.
  app.onError(
    createErrorHandler(reportError, async (c) => {
      const scoped = (c as Context<AppEnv>).var.db;
      if (scoped !== undefined && scoped !== deps.db && (await databaseAnswers(scoped))) return true;
      return databaseAnswers(deps.db);
    }),
  );
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

/** Sign-in and refresh are how a client gets a token; every other /v1 route needs one. */
const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  AUTH_PATHS.methods,
  AUTH_PATHS.pair,
  AUTH_PATHS.google,
  AUTH_PATHS.refresh,
]);

export type AppType = ReturnType<typeof createApp>;
