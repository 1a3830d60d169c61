/**
 * A fresh database per test file on the local PostgreSQL server, dropped afterwards. When no server
 * answers, tests fall back to in-memory PGlite and say so once.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_HOST = '127.0.0.1';
export const POSTGRES_PORT = 5432;

/** Where the test server is looked for; tests of the fallback point it somewhere empty. */
export interface ServerAddress {
  host: string;
  port: number;
}
const LOCAL_SERVER: ServerAddress = { host: POSTGRES_HOST, port: POSTGRES_PORT };

export type TestDatabase =
  | { kind: 'postgres'; name: string; url: string; drop(): Promise<void> }
  | { kind: 'pglite'; drop(): Promise<void> };

async function withAdmin<T>(server: ServerAddress, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: `postgres://postgres@${server.host}:${server.port}/postgres`,
    connectionTimeoutMillis: 3_000,
  });
  // A server that goes away mid-test must fail the test, not kill the runner.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(server: ServerAddress = LOCAL_SERVER): Promise<boolean> {
  try {
    await withAdmin(server, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

let announcedFallback = false;

/** `label` ends up in the database name, so a leftover database says which test file made it. */
export async function createTestDatabase(
  label: string,
  server: ServerAddress = LOCAL_SERVER,
): Promise<TestDatabase> {
  if (!(await postgresAvailable(server))) {
    if (!announcedFallback) {
      console.warn(`[db] no PostgreSQL at ${server.host}:${server.port} — running on PGlite`);
      announcedFallback = true;
    }
    return { kind: 'pglite', drop: async () => {} };
  }
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const name = `brody_test_${safeLabel}_${randomBytes(4).toString('hex')}`;
  await withAdmin(server, (client) => client.query(`create database "${name}"`));
  return {
    kind: 'postgres',
    name,
    url: `postgres://postgres@${server.host}:${server.port}/${name}`,
    drop: () =>
      withAdmin(
        server,
        async (client) => void (await client.query(`drop database if exists "${name}" with (force)`)),
      ),
  };
}
