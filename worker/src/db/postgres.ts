import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { DatabaseHandle } from './database';
import { MIGRATIONS_FOLDER } from './migrations-folder';
import * as schema from './schema';

export async function openPostgresDatabase(url: string): Promise<DatabaseHandle> {
  // Each signed-in request holds one connection for its transaction, model calls included.
  const pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 10_000 });
  // An idle client dropped by the server (restart, dropped test database) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema });
  try {
    // Connect first: a dead server should be named as such, not as the migration that hit it.
    await pool.query('select 1').catch((error: unknown) => {
      throw new Error(`cannot connect to ${hostOf(url)}: ${connectFailure(error)}`, { cause: error });
    });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db, kind: 'postgres', close: () => pool.end() };
}

/** Host and port only: the URL's user-info holds the password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'the database host';
  }
}

const CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  '28P01': 'password authentication failed',
  '28000': 'authentication refused',
  '3D000': 'database does not exist',
  '57P03': 'the server is starting up or shutting down',
};

function connectFailure(error: unknown): string {
  const codes: string[] = [];
  const collect = (value: unknown) => {
    if (!(value instanceof Error)) return;
    const code = (value as Error & { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (value instanceof AggregateError) for (const inner of value.errors) collect(inner);
  };
  collect(error);
  for (const code of codes) {
    const reason = CONNECT_FAILURES[code];
    if (reason) return reason;
  }
  if (error instanceof Error && /timeout/i.test(error.message)) return 'connection timed out';
  return codes[0] ?? 'unknown error';
}
