import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import * as schema from '../../worker/src/db/schema';
import { createTestDatabase } from '../support/postgres';
import { defineApiSuite } from './api-suite';

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
  const app = createApp({
    db: drizzle({ client: pool, schema }),
    database: 'postgres',
    allowedOrigins: [],
    version: 'test',
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
    const response = await app.request('/v1/triage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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

function causeChain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // AggregateError (one per address tried) keeps the socket errors in `errors`.
  const nested = error instanceof AggregateError ? error.errors.map(causeChain).join(' ') : '';
  return `${error.message} ${nested} ${error.cause === undefined ? '' : causeChain(error.cause)}`;
}
