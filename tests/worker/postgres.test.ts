import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { createApp } from '../../worker/src/app';
import { secretKey, signAccessToken } from '../../worker/src/auth/tokens';
import { openDatabase } from '../../worker/src/db/client';
import * as schema from '../../worker/src/db/schema';
import { startNodeServer } from '../../worker/src/node';
import { createTestDatabase } from '../support/postgres';
import { defineApiSuite } from './api-suite';
import { signedIn } from './sign-in';

defineApiSuite('PostgreSQL (node-postgres)', 'postgres', async () => {
  const testDb = await createTestDatabase('api_postgres');
  const handle =
    testDb.kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: testDb.url })
      : await openDatabase({ kind: 'pglite', dataDir: null });
  return {
    handle,
    async cleanup() {
      await handle.close();
      await testDb.drop();
    },
  };
});

describe('when the database is down', () => {
  // Nothing listens on port 1: a real driver failing for real.
  const pool = new pg.Pool({
    connectionString: 'postgres://postgres@127.0.0.1:1/none',
    connectionTimeoutMillis: 2_000,
  });
  pool.on('error', () => {});
  const reported: unknown[] = [];
  const authSecret = 'a-secret-for-a-database-that-is-down';
  const app = createApp({
    db: drizzle({ client: pool, schema }),
    database: 'postgres',
    allowedOrigins: [],
    version: 'test',
    authSecret,
    reportError: (error) => reported.push(error),
  });
  afterAll(() => pool.end());

  it('/healthz answers 503 unavailable without the driver error', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(ApiError.parse(JSON.parse(text)).error.code).toBe('unavailable');
    expect(text).not.toContain('ECONNREFUSED');
  });

  it('/v1/triage answers 503 unavailable and reports the cause to the server log only', async () => {
    // Signed before the database went away: the token checks out, the device lookup cannot run.
    const { token } = await signAccessToken({ userId: 'local', deviceId: 'd1' }, secretKey(authSecret), 60);
    const response = await app.request('/v1/triage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ messages: [{ id: 'down-1', from: { name: '', email: 'a@b.example' } }] }),
    });
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(ApiError.parse(JSON.parse(text)).error.code).toBe('unavailable');
    expect(text).not.toContain('ECONNREFUSED');
    expect(reported).toHaveLength(1);
    expect(causeChain(reported[0])).toContain('ECONNREFUSED');
  });
});

describe('when the database goes away while the API runs', () => {
  it('/v1/* and /healthz answer 503 with Retry-After', async () => {
    const testDb = await createTestDatabase('api_lost');
    if (testDb.kind !== 'postgres') return expect(testDb.kind).toBe('pglite');
    const handle = await openDatabase({ kind: 'postgres', url: testDb.url });
    const app = signedIn(
      createApp({
        db: handle.db,
        database: 'postgres',
        allowedOrigins: [],
        version: 'test',
        reportError: () => {},
      }),
      handle.db,
    );
    const triage = () =>
      app.request('/v1/triage', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ id: 'lost-1', from: { name: '', email: 'a@b.example' } }],
          ai: true,
        }),
      });
    try {
      expect((await triage()).status).toBe(200);
      await testDb.drop();
      const lost = await triage();
      expect(lost.status).toBe(503);
      expect(Number(lost.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ApiError.parse(await lost.json()).error.code).toBe('unavailable');
      const info = await app.request('/v1/ai');
      expect(info.status).toBe(503);
      const health = await app.request('/healthz');
      expect(health.status).toBe(503);
      expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await handle.close();
      await testDb.drop();
    }
  });
});

describe('when DATABASE_URL points at nothing', () => {
  it('fails to start naming the cause, host and port, without the password', async () => {
    const failure = await startNodeServer({
      databaseUrl: 'postgres://postgres:hunter2@127.0.0.1:1/none',
      port: 0,
      quiet: true,
    }).then(
      async (server) => {
        await server.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('cannot connect to 127.0.0.1:1: connection refused');
    expect((failure as Error).message).not.toContain('hunter2');
  });
});

function causeChain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // AggregateError (one per address tried) keeps the socket errors in `errors`.
  const nested = error instanceof AggregateError ? error.errors.map(causeChain).join(' ') : '';
  return `${error.message} ${nested} ${error.cause === undefined ? '' : causeChain(error.cause)}`;
}
