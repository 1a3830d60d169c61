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
