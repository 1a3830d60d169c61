import { z } from 'zod';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';

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
   * The secret a client must send as `Authorization: Bearer …` for /v1/*. Required on Cloudflare
   * (wrangler secret put API_TOKEN); the loopback Node API needs none.
   */
  API_TOKEN: z.string().min(16).max(512).optional(),
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
