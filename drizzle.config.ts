import { defineConfig } from 'drizzle-kit';

// `generate` needs no database; `migrate` (used for Neon in production) reads DATABASE_URL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './worker/src/db/schema.ts',
  out: './worker/drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
