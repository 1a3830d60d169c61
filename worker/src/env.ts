import { z } from 'zod';
import { ACCESS_TOKEN_SECONDS } from '../../shared/auth/contract';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { GOOGLE_JWKS_URL } from './auth/google';
import type { RateLimits } from './http/rate-limit';

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** The API's whole configuration. Read once at start; no other module touches process.env. */
export const Env = z.object({
  /** Set → node-postgres (Node) or Neon (Cloudflare); unset on Node → embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  ALLOWED_ORIGINS: commaList.default([EXTENSION_ORIGIN]),
  /**
   * Where Neon's HTTP driver sends queries. Unset in production (the driver derives it from the host);
   * set for `wrangler dev` against a local PostgreSQL behind tests/support/neon-relay.ts.
   */
  NEON_HTTP_ENDPOINT: z.string().url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * Signs access tokens (HS256), at least 32 characters. Required on Cloudflare (wrangler secret put
   * AUTH_SECRET); on Node, unset → one is made once and kept in STATE_DIR/auth-secret.
   */
  AUTH_SECRET: z.string().min(32).max(512).optional(),
  /** Lifetime of an access token; the extension refreshes a minute before it ends. */
  ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(60).max(86_400).default(ACCESS_TOKEN_SECONDS),
  /** The OAuth client id Google ID tokens must be issued for; unset → no Google sign-in. */
  GOOGLE_CLIENT_ID: z.string().min(1).max(200).optional(),
  /** Where Google's signing keys are published; tests point it at their own. */
  GOOGLE_JWKS_URL: z.string().url().default(GOOGLE_JWKS_URL),
  /** The Node API's own secrets (auth-secret, admin-secret, read by `npm run pair`). */
  STATE_DIR: z.string().min(1).default('.data'),
  /** Requests per minute per client address and per user (a burst of as many, refilled evenly). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Sign-in, refresh and pairing-code requests per hour per client address (bursts of up to 20). */
  SIGN_IN_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(120),
  /**
   * Neon's WebSocket proxy, `host:port/path`; unset in production. Set for `wrangler dev` against the
   * local relay (tests/support/neon-relay.ts), which speaks plain ws://.
   */
  NEON_WS_PROXY: z.string().min(1).optional(),
  /** Unset → AI unconfigured: triage and summaries run on rules only. A secret on Cloudflare. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Any OpenAI-compatible endpoint ending in /v1 (Gemini's compatible endpoint, a local Ollama…). */
  OPENAI_BASE_URL: z.string().url().optional(),
  AI_MODEL: z.string().min(1).max(100).default('gpt-4o-mini'),
  /** Tokens (prompt + completion) one user may spend per UTC day. */
  AI_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(200_000),
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /**
   * Model calls in flight at once per API process. With AI_BATCH_SIZE 20 against a model answering in
   * 500 ms, 8 calls keep one process near 19,000 mails a minute (tests/bench/ai.ts).
   */
  AI_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Mails per model call: the system prompt is paid once per call, so bigger batches cost less. */
  AI_BATCH_SIZE: z.coerce.number().int().min(1).max(50).default(20),
});
export type Env = z.infer<typeof Env>;

/**
 * Empty strings count as unset, so `PORT= npm run dev:api` or a blank line in a .env file falls back
 * to the default instead of failing validation.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}

export function rateLimitsFromEnv(env: Env): RateLimits {
  const perMinute = env.RATE_LIMIT_PER_MINUTE;
  const general = { burst: perMinute, perSecond: perMinute / 60 };
  return {
    perIp: general,
    perUser: general,
    signInPerIp: {
      burst: Math.min(20, env.SIGN_IN_LIMIT_PER_HOUR),
      perSecond: env.SIGN_IN_LIMIT_PER_HOUR / 3600,
    },
  };
}
