/**
 * Cloudflare Worker entry. The app is built once per isolate on Neon's HTTP driver: each query is a
 * stateless fetch, so nothing opened during one request is reused by another (which Workers forbid
 * for sockets). Migrations are applied ahead of deploy with `drizzle-kit migrate`.
 */
import type { ExecutionContext } from '@cloudflare/workers-types';
import { neonConfig } from '@neondatabase/serverless';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { aiProviderFromEnv, aiSettingsFromEnv } from './ai/settings';
import { createApp } from './app';
import { AiMemo } from './cache/ai-memo';
import { createNeonDatabase } from './db/neon';
import { parseEnv } from './env';
import { API_VERSION } from './version';

export interface WorkerBindings {
  DATABASE_URL?: string;
  /** Secret (wrangler secret put API_TOKEN): what the extension's options page must hold. */
  API_TOKEN?: string;
  ALLOWED_ORIGINS?: string;
  LOG_LEVEL?: string;
  NEON_HTTP_ENDPOINT?: string;
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
let cached: { databaseUrl: string; apiToken: string; app: App } | null = null;

function appFor(bindings: WorkerBindings): App {
  const env = parseEnv({
    DATABASE_URL: bindings.DATABASE_URL,
    API_TOKEN: bindings.API_TOKEN,
    ALLOWED_ORIGINS: bindings.ALLOWED_ORIGINS ?? EXTENSION_ORIGIN,
    LOG_LEVEL: bindings.LOG_LEVEL,
    NEON_HTTP_ENDPOINT: bindings.NEON_HTTP_ENDPOINT,
    OPENAI_API_KEY: bindings.OPENAI_API_KEY,
    OPENAI_BASE_URL: bindings.OPENAI_BASE_URL,
    AI_MODEL: bindings.AI_MODEL,
    AI_DAILY_TOKEN_BUDGET: bindings.AI_DAILY_TOKEN_BUDGET,
    AI_TIMEOUT_MS: bindings.AI_TIMEOUT_MS,
    AI_CONCURRENCY: bindings.AI_CONCURRENCY,
    AI_BATCH_SIZE: bindings.AI_BATCH_SIZE,
  });
  if (env.DATABASE_URL === undefined)
    throw new Error('DATABASE_URL is not set (wrangler secret put DATABASE_URL)');
  // Open to anyone, a deployed API would spend its owner's AI budget for them.
  if (env.API_TOKEN === undefined) throw new Error('API_TOKEN is not set (wrangler secret put API_TOKEN)');
  if (cached?.databaseUrl === env.DATABASE_URL && cached.apiToken === env.API_TOKEN) return cached.app;
  if (env.NEON_HTTP_ENDPOINT !== undefined) neonConfig.fetchEndpoint = env.NEON_HTTP_ENDPOINT;
  const { db } = createNeonDatabase(env.DATABASE_URL, 'http');
  const app = createApp({
    db,
    database: 'neon',
    allowedOrigins: env.ALLOWED_ORIGINS,
    version: API_VERSION,
    apiToken: env.API_TOKEN,
    // Per request: a provider's concurrency gate shared across requests hangs them in workerd.
    ai: () => aiProviderFromEnv(env),
    aiSettings: aiSettingsFromEnv(env),
    // Workers forbid one request awaiting a promise another settles: remember answers, share no calls.
    aiMemo: new AiMemo({ shareInFlight: false }),
    reportError: (error) => {
      if (env.LOG_LEVEL !== 'silent') console.error('[api]', error);
    },
  });
  cached = { databaseUrl: env.DATABASE_URL, apiToken: env.API_TOKEN, app };
  return app;
}

export default {
  fetch(request: Request, bindings: WorkerBindings, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(bindings).fetch(request, bindings, ctx);
  },
};
