/**
 * Push and pull through the real API on PostgreSQL and on PGlite: exactly-once pushes, one bad
 * mutation refused by id while the rest apply, cursors and pages, concurrent pushes, and the
 * three-device scenario against the real database with the API restarting in the middle.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/auth/contract';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { encodeHlc } from '../../shared/sync/hlc';
import type { SyncedRow } from '../../shared/sync/lww';
import { rowKey } from '../../shared/sync/protocol';
import { PullResponseSchema, PushResponseSchema } from '../../shared/sync/schemas';
import { createApp } from '../../worker/src/app';
import { type DatabaseHandle, openDatabase } from '../../worker/src/db/client';
import { syncDevices, syncRows } from '../../worker/src/db/schema';
import { pullChanges } from '../../worker/src/sync/store';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { expectConverged, type SyncServer, scenarioArb, simulate } from '../support/sync-simulation';
import { bearer, pair } from './sign-in';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const hlc = (ms: number, node = 'laptop', counter = 0) => encodeHlc({ ms: NOW + ms, counter, node });

/** Signed-in devices by the name a test calls them; their sessions outlive an API restart. */
type Devices = Map<string, Promise<Session>>;
interface SyncApp {
  app: ReturnType<typeof createApp>;
  db: DatabaseHandle['db'];
  devices: Devices;
}

function appOn(handle: DatabaseHandle, devices: Devices): SyncApp {
  const app = createApp({
    db: handle.db,
    database: handle.kind,
    allowedOrigins: [EXTENSION_ORIGIN],
    version: 'test',
    authSecret: 'the-sync-tests-signing-key-0123456789',
  });
  return { app, db: handle.db, devices };
}

function sessionOf(target: SyncApp, device: string): Promise<Session> {
  let session = target.devices.get(device);
  if (session === undefined) {
    session = pair(target.app, target.db, device);
    target.devices.set(device, session);
  }
  return session;
}

/** The server's id for the device a test calls `name` (sync takes the device from the token). */
async function deviceIdOf(target: SyncApp, name: string): Promise<string> {
  return (await sessionOf(target, name)).deviceId;
}

/** Sent as the device the body names, signed in as that device. */
async function call(target: SyncApp, path: string, body: unknown) {
  const named = (body as { deviceId?: unknown }).deviceId;
  const session = await sessionOf(target, typeof named === 'string' ? named : 'default');
  const response = await target.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(session) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const task = (id: string, set: Record<string, unknown>, at: string) => ({ table: 'tasks', id, set, hlc: at });

function defineSyncSuite(
  label: string,
  open: () => Promise<{ handle: DatabaseHandle; reopen(): Promise<DatabaseHandle>; drop(): Promise<void> }>,
) {
  describe(`sync API on ${label}`, () => {
    let db: Awaited<ReturnType<typeof open>>;
    let handle: DatabaseHandle;
    let app: SyncApp;
    const devices: Devices = new Map();

    beforeAll(async () => {
      db = await open();
      handle = db.handle;
      app = appOn(handle, devices);
      // The local user row exists once any /v1 route ran.
      await call(app, '/v1/sync/pull', { deviceId: 'setup', cursor: 0 });
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('applies a push once, however often it is sent, and pulls it on another device', async () => {
      const push = {
        deviceId: 'laptop',
        mutations: [
          { id: 1, change: task('t1', { title: 'Send the deck', status: 'pending' }, hlc(1)) },
          { id: 2, change: task('t1', { status: 'completed' }, hlc(2)) },
        ],
      };
      const answers = await Promise.all([call(app, '/v1/sync/push', push), call(app, '/v1/sync/push', push)]);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(PushResponseSchema.parse(answer.body)).toEqual({ lastMutationId: 2, rejected: [] });
      }
      const again = await call(app, '/v1/sync/push', push);
      expect(again.body).toEqual({ lastMutationId: 2, rejected: [] });

      const pulled = PullResponseSchema.parse(
        (await call(app, '/v1/sync/pull', { deviceId: 'desktop', cursor: 0 })).body,
      );
      const t1 = pulled.rows.find((r) => r.row.id === 't1');
      expect(t1?.row.values).toEqual({ title: 'Send the deck', status: 'completed' });
      expect(t1?.row.versions).toEqual({ title: hlc(1), status: hlc(2) });
      // Two mutations, one row: the second changed it again, so one row at the newest sequence.
      const incremental = PullResponseSchema.parse(
        (await call(app, '/v1/sync/pull', { deviceId: 'desktop', cursor: pulled.cursor })).body,
      );
      expect(incremental.rows).toEqual([]);
      expect(incremental.cursor).toBe(pulled.cursor);
    });

    it('refuses one bad mutation by id and applies the rest of its push', async () => {
      const push = {
        deviceId: 'phone',
        mutations: [
          { id: 1, change: task('p1', { title: 'ok' }, hlc(10, 'phone')) },
          { id: 2, change: { table: 'passwords', id: 'x', set: { a: 1 }, hlc: hlc(11, 'phone') } },
          {
            id: 3,
            change: task(
              'p2',
              { title: 'future' },
              encodeHlc({ ms: NOW + 3 * 86_400_000, counter: 0, node: 'phone' }),
            ),
          },
          { id: 4, change: task('bad id with spaces', { title: 'x' }, hlc(12, 'phone')) },
          { id: 5, change: task('p3', { title: 'x'.repeat(40_000) }, hlc(13, 'phone')) },
          { id: 6, change: task('p4', { title: 'also ok' }, hlc(14, 'phone')) },
        ],
      };
      const answer = await call(app, '/v1/sync/push', push);
      expect(answer.status).toBe(200);
      const body = PushResponseSchema.parse(answer.body);
      expect(body.lastMutationId).toBe(6);
      expect(body.rejected.map((r) => r.id)).toEqual([2, 3, 4, 5]);
      const rows = await handle.db.select().from(syncRows).where(eq(syncRows.userId, 'local'));
      const ids = rows.map((r) => r.rowId);
      expect(ids).toContain('p1');
      expect(ids).toContain('p4');
      expect(ids).not.toContain('p2');
      expect(ids).not.toContain('p3');
    });

    it('stops at a gap, so a lost push is sent again rather than skipped', async () => {
      const answer = await call(app, '/v1/sync/push', {
        deviceId: 'tablet',
        mutations: [
          { id: 1, change: task('g1', { title: 'first' }, hlc(20, 'tablet')) },
          { id: 3, change: task('g3', { title: 'third' }, hlc(22, 'tablet')) },
        ],
      });
      expect(answer.body).toEqual({ lastMutationId: 1, rejected: [] });
      const tablet = await deviceIdOf(app, 'tablet');
      const [device] = await handle.db.select().from(syncDevices).where(eq(syncDevices.deviceId, tablet));
      expect(device?.lastMutationId).toBe(1);
    });

    it('answers a malformed envelope with 400 and changes nothing', async () => {
      const before = await pullChanges(handle.db, 'local', 'x', 0);
      for (const body of [
        { deviceId: 'a b', mutations: [] },
        { deviceId: 'ok', mutations: 'nope' },
        { deviceId: 'ok', mutations: [{ id: 0, change: {} }] },
        { deviceId: 'ok', mutations: [], userId: 'someone-else' },
        { deviceId: 'ok', cursor: -1 },
      ]) {
        const path = 'cursor' in body ? '/v1/sync/pull' : '/v1/sync/push';
        const answer = await call(app, path, body);
        expect(answer.status).toBe(400);
        expect(answer.body).toHaveProperty('error.code', 'bad_request');
      }
      expect((await pullChanges(handle.db, 'local', 'x', 0)).cursor).toBe(before.cursor);
    });

    it('pages a large pull and every page continues where the last stopped', async () => {
      const mutations = Array.from({ length: 30 }, (_, i) => ({
        id: i + 1,
        change: task(`bulk-${i}`, { title: `Task ${i}` }, hlc(100 + i, 'bulk')),
      }));
      await call(app, '/v1/sync/push', { deviceId: 'bulk', mutations });
      const seen: string[] = [];
      let cursor = 0;
      for (let page = 0; page < 20; page++) {
        const answer = await pullChanges(handle.db, 'local', 'reader', cursor, 7);
        seen.push(...answer.rows.map((r) => r.row.id));
        cursor = answer.cursor;
        if (!answer.more) break;
      }
      expect(seen.filter((id) => id.startsWith('bulk-')).sort()).toEqual(
        mutations.map((m) => m.change.id).sort(),
      );
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('converges three devices through the real API with restarts in the middle (25 seeds)', async () => {
      const userRows = async (h: DatabaseHandle): Promise<Record<string, SyncedRow>> => {
        const rows = await h.db.select().from(syncRows).where(eq(syncRows.userId, 'local'));
        return Object.fromEntries(
          rows
            .filter((r) => r.rowId.startsWith('sim-'))
            .map((r) => [rowKey(r.kind, r.rowId), { id: r.rowId, values: r.values, versions: r.versions }]),
        ) as Record<string, SyncedRow>;
      };
      let run = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb, async ([ops, skews]) => {
          run += 1;
          const prefix = `r${run}`;
          const connect = async (): Promise<SyncServer> => {
            const current = appOn(handle, devices);
            // Each run's devices and rows are its own, so runs on one database cannot meet.
            const ids = (request: { deviceId: string }) => ({
              ...request,
              deviceId: `${prefix}${request.deviceId}`,
            });
            return {
              push: async (request) => {
                const mutations = request.mutations.map((m) => ({
                  ...m,
                  change: { ...m.change, id: `sim-${prefix}-${m.change.id}` },
                }));
                const answer = await call(current, '/v1/sync/push', { ...ids(request), mutations });
                return PushResponseSchema.parse(answer.body);
              },
              pull: async (request) => {
                const answer = PullResponseSchema.parse(
                  (await call(current, '/v1/sync/pull', ids(request))).body,
                );
                const rows = answer.rows
                  .filter((r) => r.row.id.startsWith(`sim-${prefix}-`))
                  .map((r) => ({
                    table: r.table,
                    row: { ...r.row, id: r.row.id.slice(`sim-${prefix}-`.length) } as SyncedRow,
                  }));
                return { ...answer, rows };
              },
              restart: async () => {
                handle = await db.reopen();
                return connect();
              },
              rows: async () => {
                const all = await userRows(handle);
                const mine = Object.entries(all).filter(([, row]) => row.id.startsWith(`sim-${prefix}-`));
                return Object.fromEntries(
                  mine.map(([key, row]) => {
                    const id = row.id.slice(`sim-${prefix}-`.length);
                    return [rowKey(key.split('\u0000')[0] ?? '', id), { ...row, id }];
                  }),
                );
              },
            };
          };
          const result = await simulate(ops, skews, connect);
          await expectConverged(result);
          // Exactly once: each device's last applied mutation is the number of edits it made.
          const synced = await handle.db.select().from(syncDevices).where(eq(syncDevices.userId, 'local'));
          for (const client of result.clients) {
            const made = client.state.nextMutationId - 1;
            const id = await deviceIdOf(app, `${prefix}${client.state.deviceId}`);
            const stored = synced.find((d) => d.deviceId === id);
            expect(stored?.lastMutationId ?? 0).toBe(made);
          }
        }),
        { numRuns: 25, seed: 20261202 },
      );
    }, 240_000);
  });
}

defineSyncSuite('PostgreSQL', async () => {
  const test: TestDatabase = await createTestDatabase('sync_api');
  const openIt = () =>
    test.kind === 'postgres'
      ? openDatabase({ kind: 'postgres', url: test.url })
      : openDatabase({ kind: 'pglite', dataDir: null });
  let handle = await openIt();
  return {
    handle,
    async reopen() {
      if (test.kind !== 'postgres') return handle;
      await handle.close();
      handle = await openIt();
      return handle;
    },
    async drop() {
      await handle.close();
      await test.drop();
    },
  };
});

defineSyncSuite('PGlite', async () => {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  return { handle, reopen: async () => handle, drop: () => handle.close() };
});
