/**
 * Accounts, written once and run on every database the API supports (like api-suite.ts): pairing,
 * Google sign-in against a local JWKS, rotating refresh tokens with reuse detection, every /v1 route
 * refusing a missing, expired, forged or foreign token, row-level security, export and delete, and
 * the rate limits.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountExportSchema,
  AccountViewSchema,
  AUTH_PATHS,
  PAIRING_CODE_SECONDS,
  type Session,
  SessionSchema,
} from '../../shared/auth/contract';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { ApiError, LIMITS } from '../../shared/schemas';
import { encodeHlc } from '../../shared/sync/hlc';
import { type AppDeps, createApp } from '../../worker/src/app';
import { issuePairingCode } from '../../worker/src/auth/sessions';
import { secretKey, signAccessToken } from '../../worker/src/auth/tokens';
import type { Database } from '../../worker/src/db/database';
import { asUser } from '../../worker/src/db/user-scope';
import { type FakeGoogle, startFakeGoogle, TEST_CLIENT_ID } from '../support/fake-google';
import type { SuiteDatabase } from './api-suite';
import { CONTEXT, urgentMessage } from './messages';
import { bearer } from './sign-in';

const SECRET = 'the-auth-suite-signing-key-0123456789';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** node-postgres, PGlite and Neon's Pool answer `{ rows }`; neon-http the rows themselves. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

export function defineAuthSuite(label: string, open: () => Promise<SuiteDatabase>) {
  describe(`accounts on ${label}`, () => {
    let database: SuiteDatabase;
    let db: Database;
    let google: FakeGoogle;
    let app: ReturnType<typeof createApp>;
    let owner: Session;

    const deps = (extra: Partial<AppDeps> = {}): AppDeps => ({
      db,
      database: database.handle.kind,
      allowedOrigins: [EXTENSION_ORIGIN],
      version: 'test',
      authSecret: SECRET,
      google: { clientId: TEST_CLIENT_ID, jwksUrl: google.jwksUrl },
      reportError: () => {},
      ...(database.perRequestDatabase ? { perRequestDatabase: database.perRequestDatabase } : {}),
      ...(database.userDatabase ? { userDatabase: database.userDatabase } : {}),
      ...extra,
    });
    const query = async (statement: SQL) => rowsOf(await db.execute(statement));

    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method,
        headers: { ...JSON_HEADERS, ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });

    async function pairWith(code: string, deviceName = 'Owner laptop') {
      return send('POST', AUTH_PATHS.pair, { code, deviceName });
    }
    async function pairOwner(deviceName = 'Owner laptop'): Promise<Session> {
      const { code } = await issuePairingCode(db);
      const response = await pairWith(code, deviceName);
      expect(response.status).toBe(200);
      return SessionSchema.parse(await response.json());
    }
    async function googleSignIn(idToken: string, deviceName = 'Work Chrome') {
      return send('POST', AUTH_PATHS.google, { idToken, deviceName });
    }
    async function googleUser(sub: string): Promise<Session> {
      const response = await googleSignIn(await google.idToken(sub));
      expect(response.status).toBe(200);
      return SessionSchema.parse(await response.json());
    }
    const refresh = (refreshToken: string) => send('POST', AUTH_PATHS.refresh, { refreshToken });

    /** Row counts of every table: what "nothing changed" means. */
    async function snapshot(): Promise<Record<string, number>> {
      const tables = await query(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const counts: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await query(sql`select count(*)::int as n from ${sql.identifier(String(table_name))}`);
        counts[String(table_name)] = Number(row?.n);
      }
      return counts;
    }

    /** Every route behind sign-in, with a body it would accept. */
    const protectedRoutes = (session: Session): [string, string, unknown][] => [
      ['POST', '/v1/triage', { messages: [urgentMessage('auth-probe')], context: CONTEXT, ai: true }],
      [
        'POST',
        '/v1/threads/summary',
        { threadId: 't1', messages: [{ id: 'm1', from: { name: 'A', email: 'a@b.example' }, text: 'Hi' }] },
      ],
      ['GET', '/v1/ai', undefined],
      ['POST', '/v1/briefs', { eventId: 'e1', title: 'Sync', start: '2026-12-01T10:00:00Z' }],
      [
        'POST',
        '/v1/sync/push',
        {
          deviceId: session.deviceId,
          mutations: [
            {
              id: 1,
              change: {
                table: 'tasks',
                id: 'probe',
                set: { title: 'x' },
                hlc: encodeHlc({ ms: Date.now(), counter: 0, node: 'n' }),
              },
            },
          ],
        },
      ],
      ['POST', '/v1/sync/pull', { deviceId: session.deviceId, cursor: 0 }],
      ['GET', AUTH_PATHS.account, undefined],
      ['DELETE', AUTH_PATHS.account, { confirm: 'delete my account' }],
      ['DELETE', `${AUTH_PATHS.devices}/${session.deviceId}`, undefined],
      ['GET', AUTH_PATHS.export, undefined],
      ['POST', AUTH_PATHS.signOut, undefined],
    ];

    beforeAll(async () => {
      database = await open();
      db = database.handle.db;
      google = await startFakeGoogle();
      app = createApp(deps());
      owner = await pairOwner();
    });
    afterAll(async () => {
      await google?.close();
      await database?.cleanup();
    });

    it('pairs as the owner, the user `local` that held all data before accounts', async () => {
      expect(owner.user.id).toBe('local');
      expect(Date.parse(owner.accessExpiresAt) - Date.now()).toBeGreaterThan(14 * 60 * 1000);
      const view = AccountViewSchema.parse(
        await (await send('GET', AUTH_PATHS.account, undefined, bearer(owner))).json(),
      );
      expect(view.user.id).toBe('local');
      expect(view.devices.find((device) => device.current)?.id).toBe(owner.deviceId);
      const [audit] = await query(
        sql`select event from audit_log where user_id = 'local' and device_id = ${owner.deviceId}`,
      );
      expect(audit?.event).toBe('sign_in');
    });

    it('refuses a wrong, expired or malformed pairing code', async () => {
      const expired = await issuePairingCode(db, Date.now() - (PAIRING_CODE_SECONDS + 60) * 1000);
      for (const code of [expired.code, 'ABCD-EFGH']) {
        const response = await pairWith(code);
        expect(response.status).toBe(401);
        expect(ApiError.parse(await response.json()).error.code).toBe('sign_in_refused');
      }
      for (const body of [
        { code: 'nope', deviceName: 'x' },
        { code: 12345678, deviceName: 'x' },
        { code: 'ABCD-EFGH' },
      ]) {
        const response = await send('POST', AUTH_PATHS.pair, body);
        expect(response.status).toBe(400);
      }
    });

    it('refuses every signed-in route without a token, expired, forged or malformed, changing nothing', async () => {
      const key = secretKey(SECRET);
      const past = Date.now() - 60 * 60 * 1000;
      const expired = (await signAccessToken({ userId: 'local', deviceId: owner.deviceId }, key, 60, past))
        .token;
      const forged = (
        await signAccessToken(
          { userId: 'local', deviceId: owner.deviceId },
          secretKey('another-key-0123456789-0123456789'),
          900,
        )
      ).token;
      // A token of a device that does not exist, correctly signed: a user id alone is not enough.
      const ghost = (await signAccessToken({ userId: 'local', deviceId: 'no-such-device' }, key, 900)).token;
      const unsigned = `${owner.accessToken.split('.').slice(0, 2).join('.')}.`;
      const before = await snapshot();
      for (const [method, path, body] of protectedRoutes(owner)) {
        for (const headers of [
          {},
          { authorization: `Bearer ${expired}` },
          { authorization: `Bearer ${forged}` },
          { authorization: `Bearer ${ghost}` },
          { authorization: `Bearer ${unsigned}` },
          { authorization: owner.accessToken },
          { authorization: 'Bearer' },
        ] as Record<string, string>[]) {
          const response = await send(method, path, body, headers);
          expect(response.status, `${method} ${path} ${JSON.stringify(headers).slice(0, 40)}`).toBe(401);
          expect(ApiError.parse(await response.json()).error.code).toBe('unauthorized');
        }
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an oversized body and wrong types with 4xx before anything is stored', async () => {
      const before = await snapshot();
      const huge = JSON.stringify({ refreshToken: 'x'.repeat(LIMITS.requestBytes) });
      for (const path of [AUTH_PATHS.refresh, AUTH_PATHS.pair, '/v1/sync/push']) {
        const response = await send('POST', path, huge, {
          ...bearer(owner),
          'content-length': String(huge.length),
        });
        expect(response.status).toBe(413);
      }
      const wrong: [string, string, unknown][] = [
        ['POST', AUTH_PATHS.refresh, { refreshToken: 42 }],
        ['POST', AUTH_PATHS.refresh, { refreshToken: 'short' }],
        ['POST', AUTH_PATHS.google, { idToken: ['x'], deviceName: 'x' }],
        ['POST', AUTH_PATHS.pair, '{not json'],
        ['DELETE', AUTH_PATHS.account, { confirm: 'yes' }],
        ['DELETE', AUTH_PATHS.account, undefined],
        ['POST', '/v1/sync/push', { deviceId: owner.deviceId, mutations: [], userId: 'someone-else' }],
        ['POST', '/v1/sync/pull', { deviceId: owner.deviceId, cursor: 'zero' }],
      ];
      for (const [method, path, body] of wrong) {
        const response = await send(method, path, body, bearer(owner));
        expect(response.status, `${method} ${path}`).toBe(400);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('signs in with Google: good token in, wrong audience, issuer, key, expired or unverified out', async () => {
      const good = await googleSignIn(
        await google.idToken('g-100', { email: 'ann@example.com', name: 'Ann' }),
      );
      expect(good.status).toBe(200);
      const session = SessionSchema.parse(await good.json());
      expect(session.user).toMatchObject({ email: 'ann@example.com', name: 'Ann' });
      expect(session.user.id).not.toBe('local');
      const again = SessionSchema.parse(await (await googleSignIn(await google.idToken('g-100'))).json());
      expect(again.user.id).toBe(session.user.id);

      const before = await query(sql`select count(*)::int as n from users`);
      const refused = [
        await google.idToken('g-101', { aud: 'someone-else.apps.googleusercontent.com' }),
        await google.idToken('g-101', { iss: 'https://evil.example' }),
        await google.idToken('g-101', {}, { expiresInSeconds: -600 }),
        await google.idToken('g-101', { email_verified: false }),
        await google.idToken('g-101', {}, { otherKey: true }),
        `${(await google.idToken('g-101')).slice(0, -4)}AAAA`,
      ];
      for (const idToken of refused) {
        const response = await googleSignIn(idToken);
        expect(response.status).toBe(401);
        expect(ApiError.parse(await response.json()).error.code).toBe('sign_in_refused');
      }
      expect(await query(sql`select count(*)::int as n from users`)).toEqual(before);

      const withoutGoogle = createApp(deps({ google: undefined }));
      const off = await withoutGoogle.request(AUTH_PATHS.google, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ idToken: await google.idToken('g-102'), deviceName: 'x' }),
      });
      expect(off.status).toBe(404);
    });

    it('rotates refresh tokens; a replayed one revokes the session, the newest included', async () => {
      const device = await pairOwner('Replayed laptop');
      const first = await refresh(device.refreshToken);
      expect(first.status).toBe(200);
      const next = SessionSchema.parse(await first.json());
      expect(next.refreshToken).not.toBe(device.refreshToken);
      expect(next.deviceId).toBe(device.deviceId);
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(next))).status).toBe(200);

      const replay = await refresh(device.refreshToken);
      expect(replay.status).toBe(401);
      expect(ApiError.parse(await replay.json()).error.code).toBe('session_revoked');
      const newest = await refresh(next.refreshToken);
      expect(newest.status).toBe(401);
      expect(ApiError.parse(await newest.json()).error.code).toBe('session_revoked');
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(next))).status).toBe(401);
      const audit = await query(sql`select event from audit_log where device_id = ${device.deviceId}`);
      expect(audit.map((row) => row.event)).toContain('refresh_reuse');
      // The owner's other devices are untouched.
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(owner))).status).toBe(200);
      const unknown = await refresh('x'.repeat(43));
      expect(ApiError.parse(await unknown.json()).error.code).toBe('unauthorized');
    });

    it("scopes every route to the token's user: another user's ids answer 404, their rows stay unseen", async () => {
      const other = await googleUser('g-200');
      // The owner stores mail triage and a synced task.
      const triaged = await send(
        'POST',
        '/v1/triage',
        { messages: [urgentMessage('owner-secret-mail')], context: CONTEXT, ai: true },
        bearer(owner),
      );
      expect(triaged.status).toBe(200);
      const [, , pushBody] = protectedRoutes(owner)[4] as [string, string, Record<string, unknown>];
      expect((await send('POST', '/v1/sync/push', pushBody, bearer(owner))).status).toBe(200);

      const pulled = await send(
        'POST',
        '/v1/sync/pull',
        { deviceId: owner.deviceId, cursor: 0 },
        bearer(other),
      );
      expect(((await pulled.json()) as { rows: unknown[] }).rows).toEqual([]);
      const removeOwnersDevice = await send(
        'DELETE',
        `${AUTH_PATHS.devices}/${owner.deviceId}`,
        undefined,
        bearer(other),
      );
      expect(removeOwnersDevice.status).toBe(404);
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(owner))).status).toBe(200);
      const view = AccountViewSchema.parse(
        await (await send('GET', AUTH_PATHS.account, undefined, bearer(other))).json(),
      );
      expect(view.user.id).toBe(other.user.id);
      expect(view.devices.map((device) => device.id)).toEqual([other.deviceId]);
      const exported = AccountExportSchema.parse(
        await (await send('GET', AUTH_PATHS.export, undefined, bearer(other))).json(),
      );
      expect(JSON.stringify(exported)).not.toContain('owner-secret-mail');
      // The same message id triaged by the other user is stored apart, under their id.
      await send(
        'POST',
        '/v1/triage',
        { messages: [urgentMessage('owner-secret-mail')], ai: true },
        bearer(other),
      );
      const owners = await query(
        sql`select user_id from triage_results where message_id = 'owner-secret-mail' order by user_id = 'local'`,
      );
      expect(owners.map((row) => row.user_id)).toEqual([other.user.id, 'local']);
    });

    it('row-level security shows a scoped transaction only its user, whatever the query asks', async () => {
      const scoped = database.perRequestDatabase?.() ?? { db, close: async () => {} };
      try {
        const seen = await asUser(scoped.db, 'local', async (tx) =>
          rowsOf(await tx.execute(sql`select distinct user_id from triage_results`)),
        );
        expect(seen).toEqual([{ user_id: 'local' }]);
        const foreignWrite = asUser(scoped.db, 'local', (tx) =>
          tx.execute(sql`insert into sync_versions (user_id, seq) values ('someone-else', 1)`),
        );
        await expect(foreignWrite).rejects.toThrow();
        const unscoped = await scoped.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'brody_app', true)`);
          return rowsOf(await tx.execute(sql`select count(*)::int as n from triage_results`));
        });
        expect(unscoped).toEqual([{ n: 0 }]);
      } finally {
        await scoped.close();
      }
    });

    it('signs a device out, and removes another of the same user', async () => {
      const laptop = await pairOwner('Spare laptop');
      const phone = await pairOwner('Spare phone');
      expect(
        (await send('DELETE', `${AUTH_PATHS.devices}/${phone.deviceId}`, undefined, bearer(laptop))).status,
      ).toBe(204);
      expect((await send('GET', '/v1/ai', undefined, bearer(phone))).status).toBe(401);
      expect((await refresh(phone.refreshToken)).status).toBe(401);
      expect(
        (await send('DELETE', `${AUTH_PATHS.devices}/${phone.deviceId}`, undefined, bearer(laptop))).status,
      ).toBe(404);

      expect((await send('POST', AUTH_PATHS.signOut, undefined, bearer(laptop))).status).toBe(204);
      expect((await send('GET', '/v1/ai', undefined, bearer(laptop))).status).toBe(401);
      expect((await refresh(laptop.refreshToken)).status).toBe(401);
      const events = await query(
        sql`select event from audit_log where device_id in (${laptop.deviceId}, ${phone.deviceId})`,
      );
      expect(events.map((row) => row.event).sort()).toEqual([
        'device_removed',
        'sign_in',
        'sign_in',
        'sign_out',
      ]);
    });

    it('exports everything about a user as one download, then deletes it all', async () => {
      const leaving = await googleUser('g-300');
      await send('POST', '/v1/triage', { messages: [urgentMessage('leaving-1')], ai: true }, bearer(leaving));
      const [, , pushBody] = protectedRoutes(leaving)[4] as [string, string, Record<string, unknown>];
      expect((await send('POST', '/v1/sync/push', pushBody, bearer(leaving))).status).toBe(200);

      const download = await send('GET', AUTH_PATHS.export, undefined, bearer(leaving));
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(
        /^attachment; filename="brody-export-.*\.json"$/,
      );
      const document = AccountExportSchema.parse(await download.json());
      expect(document.user.id).toBe(leaving.user.id);
      expect(document.devices.map((device) => device.id)).toEqual([leaving.deviceId]);
      expect(document.tables.triage_results?.map((row) => row.message_id)).toEqual(['leaving-1']);
      expect(document.tables.sync_rows?.map((row) => row.row_id)).toEqual(['probe']);

      const refused = await send('DELETE', AUTH_PATHS.account, { confirm: 'delete' }, bearer(leaving));
      expect(refused.status).toBe(400);
      const deleted = await send(
        'DELETE',
        AUTH_PATHS.account,
        { confirm: 'delete my account' },
        bearer(leaving),
      );
      expect(deleted.status).toBe(204);

      const columns = await query(
        sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id'`,
      );
      expect(columns.length).toBeGreaterThanOrEqual(10);
      for (const { table_name } of columns) {
        const rows = await query(
          sql`select count(*)::int as n from ${sql.identifier(String(table_name))} where user_id = ${leaving.user.id}`,
        );
        expect(rows, String(table_name)).toEqual([{ n: 0 }]);
      }
      expect(await query(sql`select count(*)::int as n from users where id = ${leaving.user.id}`)).toEqual([
        { n: 0 },
      ]);
      const [audit] = await query(sql`select user_id, event from audit_log where event = 'delete'`);
      expect(audit).toEqual({ user_id: null, event: 'delete' });
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(leaving))).status).toBe(401);
      expect((await refresh(leaving.refreshToken)).status).toBe(401);
      // Everyone else is still there.
      expect((await send('GET', AUTH_PATHS.account, undefined, bearer(owner))).status).toBe(200);
    });

    it('answers 429 with Retry-After past the sign-in limit per address, and past the per-user limit', async () => {
      const limited = createApp(
        deps({
          rateLimits: {
            perIp: { burst: 100, perSecond: 1 },
            perUser: { burst: 3, perSecond: 0.01 },
            signInPerIp: { burst: 2, perSecond: 0.01 },
          },
          clientIp: (c) => c.req.header('x-test-ip') ?? null,
        }),
      );
      const pairFrom = (ip: string) =>
        limited.request(AUTH_PATHS.pair, {
          method: 'POST',
          headers: { ...JSON_HEADERS, 'x-test-ip': ip },
          body: JSON.stringify({ code: 'ABCD-EFGH', deviceName: 'guesser' }),
        });
      expect((await pairFrom('10.0.0.1')).status).toBe(401);
      expect((await pairFrom('10.0.0.1')).status).toBe(401);
      const blocked = await pairFrom('10.0.0.1');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ApiError.parse(await blocked.json()).error.code).toBe('rate_limited');
      expect((await pairFrom('10.0.0.2')).status).toBe(401);

      const user = await googleUser('g-400');
      const ask = (ip: string) =>
        limited.request('/v1/ai', { headers: { ...bearer(user), 'x-test-ip': ip } });
      for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) expect((await ask(ip)).status).toBe(200);
      const over = await ask('10.1.0.4');
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
