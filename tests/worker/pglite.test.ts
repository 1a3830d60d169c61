import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import { syncVersions } from '../../worker/src/db/schema';
import { defineApiSuite } from './api-suite';
import { defineAuthSuite } from './auth-suite';
import { signedIn } from './sign-in';

const openPglite = async () => {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  return { handle, cleanup: () => handle.close() };
};
defineApiSuite('PGlite (in memory)', 'pglite', openPglite);
defineAuthSuite('PGlite (in memory)', openPglite);

// What the Node API does on PGlite: every statement scoped on its own, no transaction per request.
const openStatementScoped = async () => {
  const opened = await openPglite();
  return { ...opened, userDatabase: opened.handle.forUser };
};
defineApiSuite('PGlite, statements scoped one by one', 'pglite', openStatementScoped);
defineAuthSuite('PGlite, statements scoped one by one', openStatementScoped);

describe('PGlite scoped one statement at a time', () => {
  it("lets one user's work go on while another's waits, and shows each only their rows", async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await handle.db.execute(sql`insert into users (id) values ('ann'), ('bob')`);
      await handle.db.execute(sql`insert into sync_versions (user_id, seq) values ('ann', 1), ('bob', 2)`);
      const forUser = handle.forUser;
      if (forUser === undefined) throw new Error('PGlite offers a per-user database');
      const ann = forUser('ann');
      const bob = forUser('bob');
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Ann reads, then waits (as a request waits on a model) until Bob's read has been answered.
      const annWork = (async () => {
        const first = await ann.select().from(syncVersions);
        await gate;
        return first;
      })();
      const bobRows = await bob.select().from(syncVersions);
      release();
      expect((await annWork).map((row) => row.userId)).toEqual(['ann']);
      expect(bobRows.map((row) => row.userId)).toEqual(['bob']);
      await expect(ann.insert(syncVersions).values({ userId: 'bob', seq: 9 })).rejects.toThrow();
    } finally {
      await handle.close();
    }
  }, 60_000);
});

describe('when PGlite is closed while the API runs', () => {
  it('/v1/* and /healthz answer 503 with Retry-After', async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    const app = signedIn(
      createApp({
        db: handle.db,
        database: 'pglite',
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
    expect((await triage()).status).toBe(200);
    await handle.close();
    const lost = await triage();
    expect(lost.status).toBe(503);
    expect(Number(lost.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ApiError.parse(await lost.json()).error.code).toBe('unavailable');
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
    // Opening an in-memory PGlite takes seconds on a loaded machine.
  }, 120_000);
});
