import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import { defineApiSuite } from './api-suite';
import { signedIn } from './sign-in';

defineApiSuite('PGlite (in memory)', 'pglite', async () => {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  return { handle, cleanup: () => handle.close() };
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
