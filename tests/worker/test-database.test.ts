import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../support/postgres';

describe('test database helper', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('creates a fresh database on the local server and drops it', async () => {
    const testDb = await createTestDatabase('helper check');
    expect(testDb.kind).toBe('postgres');
    if (testDb.kind !== 'postgres') return;
    expect(testDb.name).toMatch(/^brody_test_helper_check_[0-9a-f]{8}$/);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: testDb.url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    await client.end();
    expect(rows[0]?.db).toBe(testDb.name);
    await testDb.drop();
    const admin = new pg.default.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = $1', [testDb.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });

  it('falls back to PGlite and says so when no server answers', async () => {
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => {
      warnings.push(String(line));
    });
    // Port 1: nothing listens there.
    const unreachable = { host: '127.0.0.1', port: 1 };
    expect(await postgresAvailable(unreachable)).toBe(false);
    const testDb = await createTestDatabase('fallback', unreachable);
    expect(testDb.kind).toBe('pglite');
    expect(warnings).toEqual(['[db] no PostgreSQL at 127.0.0.1:1 — running on PGlite']);
  });
});
