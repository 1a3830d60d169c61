/**
 * Cloudflare Worker entry. The app is built once per isolate. Sign-in and refresh run on Neon's HTTP
 * driver (each query a stateless fetch, single statements). Every signed-in request opens its own
 * Neon WebSocket Pool for its one transaction (user scope, row-level security, sync push) and closes
 * it before answering: Workers forbid reusing a socket across requests. Migrations are applied ahead
 * of deploy with `drizzle-kit migrate`.
 */
import type { ExecutionContext } from '@cloudflare/workers-types';
import { neonConfig } from '@neondatabase/serverless';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { aiProviderFromEnv, aiSettingsFromEnv } from './ai/settings';
import { createApp } from './app';
import { AiMemo } from './cache/ai-memo';
import { createNeonDatabase } from './db/neon';
import { parseEnv, rateLimitsFromEnv } from './env';
import { API_VERSION } from './version';

export interface WorkerBindings {
  DATABASE_URL?: string;
  /** Secret (wrangler secret put AUTH_SECRET): signs access tokens. */
  AUTH_SECRET?: string;
  ACCESS_TOKEN_SECONDS?: string;
  /** The OAuth client id of the extension's Google sign-in. */
  GOOGLE_CLIENT_ID?: string;
  GOOGLE_JWKS_URL?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  SIGN_IN_LIMIT_PER_HOUR?: string;
  ALLOWED_ORIGINS?: string;
  LOG_LEVEL?: string;
  NEON_HTTP_ENDPOINT?: string;
  NEON_WS_PROXY?: string;
  /** Secret (wrangler secret put OPENAI_API_KEY); unset → rules only. */
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  AI_MODEL?: string;
  AI_DAILY_TOKEN_BUDGET?: string;
  AI_TIMEOUT_MS?: string;
  AI_CONCURRENCY?: string;
  AI_BATCH_SIZE?: string;
}

type App = ReturnType<typeof createApp>;
let cached: { key: string; app: App } | null = null;

function appFor(bindings: WorkerBindings): App {
  const env = parseEnv({
    ...bindings,
    ALLOWED_ORIGINS: bindings.ALLOWED_ORIGINS ?? EXTENSION_ORIGIN,
  } as Record<string, string | undefined>);
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl === undefined)
    throw new Error('DATABASE_URL is not set (wrangler secret put DATABASE_URL)');
  // A key made up per isolate would sign users out whenever the isolate changes.
  if (env.AUTH_SECRET === undefined)
    throw new Error('AUTH_SECRET is not set (wrangler secret put AUTH_SECRET)');
  const cacheKey = JSON.stringify(bindings);
  if (cached?.key === cacheKey) return cached.app;
  if (env.NEON_HTTP_ENDPOINT !== undefined) neonConfig.fetchEndpoint = env.NEON_HTTP_ENDPOINT;
  const wsProxy = env.NEON_WS_PROXY;
  if (wsProxy !== undefined) {
    neonConfig.wsProxy = (host, port) => `${wsProxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
    neonConfig.forceDisablePgSSL = true;
  }
  const { db } = createNeonDatabase(databaseUrl, 'http');
  const app = createApp({
    db,
    database: 'neon',
    allowedOrigins: env.ALLOWED_ORIGINS,
    version: API_VERSION,
    authSecret: env.AUTH_SECRET,
    accessTokenSeconds: env.ACCESS_TOKEN_SECONDS,
    ...(env.GOOGLE_CLIENT_ID !== undefined
      ? { google: { clientId: env.GOOGLE_CLIENT_ID, jwksUrl: env.GOOGLE_JWKS_URL } }
      : {}),
    // Per isolate: a client spread over many isolates gets more (README, Deploying).
    rateLimits: rateLimitsFromEnv(env),
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? null,
    perRequestDatabase: () => {
      const handle = createNeonDatabase(databaseUrl, 'websocket');
      return { db: handle.db, close: handle.close };
    },
    // Per request: a provider's concurrency gate shared across requests hangs them in workerd.
    ai: () => aiProviderFromEnv(env),
    aiSettings: aiSettingsFromEnv(env),
    // Workers forbid one request awaiting a promise another settles: remember answers, share no calls.
    aiMemo: new AiMemo({ shareInFlight: false }),
    reportError: (error) => {
      if (env.LOG_LEVEL !== 'silent') console.error('[api]', error);
    },
  });
  cached = { key: cacheKey, app };
  return app;
}

export default {
  fetch(request: Request, bindings: WorkerBindings, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(bindings).fetch(request, bindings, ctx);
  },
};
