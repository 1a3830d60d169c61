/**
 * The Cloudflare entry (worker/src/index.ts) in workerd via `wrangler dev`, on Neon's HTTP driver,
 * reaching the local PostgreSQL through the relay: the production code path short of Neon itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountViewSchema, AUTH_PATHS, type Session, SessionSchema } from '../../shared/auth/contract';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { AiInfo, ApiError, HealthResponse, ThreadSummary, TriageResponse } from '../../shared/schemas';
import { encodeHlc } from '../../shared/sync/hlc';
import type { SyncedRow } from '../../shared/sync/lww';
import { rowKey } from '../../shared/sync/protocol';
import { PullResponseSchema, PushResponseSchema } from '../../shared/sync/schemas';
import { openDatabase } from '../../worker/src/db/client';
import { type FakeGoogle, startFakeGoogle, TEST_CLIENT_ID } from '../support/fake-google';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';
import { freePort } from '../support/free-port';
import { type NeonRelay, startNeonRelay } from '../support/neon-relay';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { expectConverged, type SyncServer, scenarioArb, simulate } from '../support/sync-simulation';
import { CONTEXT, newsletterMessage, urgentMessage } from './messages';

const STARTUP_MS = 45_000;
const AUTH_SECRET = 'cf-test-signing-key-0123456789abcdef';
let AUTH: Record<string, string> = {};
let session: Session;

describe('Cloudflare entry under wrangler dev', () => {
  let relay: NeonRelay;
  let fake: FakeOpenAI;
  let google: FakeGoogle;
  let testDb: TestDatabase;
  let wrangler: ChildProcess | undefined;
  let stateDir: string;
  let url: string;
  let output = '';

  beforeAll(async () => {
    testDb = await createTestDatabase('cloudflare_entry');
    if (testDb.kind !== 'postgres')
      throw new Error('wrangler dev needs the local PostgreSQL behind the relay');
    // Production runs `drizzle-kit migrate` before deploy; the same migration files go in here.
    await (await openDatabase({ kind: 'postgres', url: testDb.url })).close();
    relay = await startNeonRelay();
    fake = await startFakeOpenAI({ apiKey: 'sk-cf-test', delayMs: 100 });
    google = await startFakeGoogle();
    stateDir = await mkdtemp(join(tmpdir(), 'brody-wrangler-'));
    const [port, inspectorPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}`;
    const vars = {
      DATABASE_URL: relay.connectionString(testDb.name),
      AUTH_SECRET,
      GOOGLE_CLIENT_ID: TEST_CLIENT_ID,
      GOOGLE_JWKS_URL: google.jwksUrl,
      NEON_HTTP_ENDPOINT: `http://127.0.0.1:${relay.port}/sql`,
      NEON_WS_PROXY: `127.0.0.1:${relay.port}/v2`,
      LOG_LEVEL: 'silent',
      OPENAI_API_KEY: 'sk-cf-test',
      OPENAI_BASE_URL: fake.url,
      AI_MODEL: 'gpt-cf-test',
      AI_BATCH_SIZE: '1',
      // One call at a time: the gate must live per request in workerd, or requests hang each other.
      AI_CONCURRENCY: '1',
    };
    wrangler = spawn(
      process.execPath,
      [
        'node_modules/wrangler/bin/wrangler.js',
        'dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--inspector-port',
        String(inspectorPort),
        '--persist-to',
        stateDir,
        '--show-interactive-dev-session=false',
        ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      ],
      { env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, detached: true },
    );
    wrangler.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    wrangler.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitForHealth(`${url}/healthz`, () => output);
    session = await googleSignIn(await google.idToken('cf-user-1'));
    AUTH = { authorization: `Bearer ${session.accessToken}` };
  }, STARTUP_MS + 15_000);

  async function googleSignIn(idToken: string): Promise<Session> {
    const response = await fetch(`${url}${AUTH_PATHS.google}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN },
      body: JSON.stringify({ idToken, deviceName: 'Chrome on the test machine' }),
    });
    if (response.status !== 200)
      throw new Error(`sign-in: ${response.status} ${await response.text()}\n${output}`);
    return SessionSchema.parse(await response.json());
  }

  afterAll(async () => {
    if (wrangler?.pid !== undefined && wrangler.exitCode === null) {
      const exited = new Promise((resolve) => wrangler?.once('exit', resolve));
      // wrangler runs workerd as a child; the group goes together.
      process.kill(-wrangler.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (wrangler.exitCode === null) process.kill(-wrangler.pid, 'SIGKILL');
    }
    await relay?.close();
    await fake?.close();
    await google?.close();
    await testDb?.drop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('reports Neon from /healthz', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(HealthResponse.parse(await response.json()).database).toBe('neon');
  });

  it('triages rules-only requests afresh every time, through Neon for the user row', async () => {
    const post = () =>
      fetch(`${url}/v1/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN, ...AUTH },
        body: JSON.stringify({
          messages: [urgentMessage('cf-1'), newsletterMessage('cf-2')],
          context: CONTEXT,
        }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(first.headers.get('x-brody-cache')).toBe('hits=0 misses=2');
    const { results } = TriageResponse.parse(await first.json());
    expect(results.map((result) => result.urgency)).toEqual(['high', 'low']);
    const second = await post();
    expect(second.headers.get('x-brody-cache')).toBe('hits=0 misses=2');
  });

  it('reads the AI bindings and triages and summarises with the model in workerd', async () => {
    const info = AiInfo.parse(await (await fetch(`${url}/v1/ai`, { headers: AUTH })).json());
    expect(info).toMatchObject({
      configured: true,
      endpoint: `127.0.0.1:${fake.port}`,
      model: 'gpt-cf-test',
    });

    const triage = (label: string) =>
      fetch(`${url}/v1/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTH },
        body: JSON.stringify({
          messages: [
            urgentMessage(`cf-ai-${label}`),
            { ...newsletterMessage(`cf-ai-news-${label}`), subject: label },
          ],
          context: CONTEXT,
          ai: true,
        }),
      });
    const responses = await Promise.all(['a', 'b', 'c'].map(triage));
    for (const response of responses) {
      expect(response.status).toBe(200);
      const body = TriageResponse.parse(await response.json());
      expect(body.aiStatus).toBe('ok');
      expect(body.results.map((result) => [result.source, result.engine])).toEqual([
        ['ai', 'gpt-cf-test'],
        ['ai', 'gpt-cf-test'],
      ]);
    }
    // Three distinct newsletters plus the shared urgent mail, which concurrent misses may each pay for.
    expect(fake.calls.length).toBeGreaterThanOrEqual(4);
    expect(fake.calls.length).toBeLessThanOrEqual(6);

    const summary = await fetch(`${url}/v1/threads/summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...AUTH },
      body: JSON.stringify({
        threadId: 'cf-thread',
        subject: 'Contract',
        ai: true,
        messages: [
          { id: 'm1', from: { name: 'Dana', email: 'ceo@acme.example' }, text: 'Can you sign today?' },
        ],
      }),
    });
    expect(summary.status).toBe(200);
    expect(ThreadSummary.parse(await summary.json())).toMatchObject({ source: 'ai', engine: 'gpt-cf-test' });
  });

  it('signs in with Google, refreshes once, and refuses the spent refresh token', async () => {
    expect(session.user).toMatchObject({ email: 'cf-user-1@example.com', name: 'User cf-user-1' });
    const refresh = (refreshToken: string) =>
      fetch(`${url}${AUTH_PATHS.refresh}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    const second = await googleSignIn(await google.idToken('cf-user-1'));
    expect(second.user.id).toBe(session.user.id);
    const rotated = await refresh(second.refreshToken);
    expect(rotated.status).toBe(200);
    const next = SessionSchema.parse(await rotated.json());
    const replay = await refresh(second.refreshToken);
    expect(replay.status).toBe(401);
    expect(ApiError.parse(await replay.json()).error.code).toBe('session_revoked');
    expect((await refresh(next.refreshToken)).status).toBe(401);
    // Only that device went: the first one still works.
    const account = await fetch(`${url}${AUTH_PATHS.account}`, { headers: AUTH });
    expect(account.status).toBe(200);
    const view = AccountViewSchema.parse(await account.json());
    expect(view.devices.map((device) => [device.id, device.current])).toEqual([[session.deviceId, true]]);
  });

  it('pushes and pulls sync rows in one transaction through a per-request Neon Pool', async () => {
    const call = (path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTH },
        body: JSON.stringify(body),
      });
    const hlc = encodeHlc({ ms: Date.now(), counter: 0, node: 'cf' });
    const pushed = await call('/v1/sync/push', {
      deviceId: session.deviceId,
      mutations: [
        { id: 1, change: { table: 'tasks', id: 'cf-task-1', set: { title: 'Sign the contract' }, hlc } },
        { id: 2, change: { table: 'tasks', id: 'cf-task-2', set: { title: 'Call Dana' }, hlc } },
      ],
    });
    expect(pushed.status).toBe(200);
    expect(PushResponseSchema.parse(await pushed.json())).toEqual({ lastMutationId: 2, rejected: [] });
    const pulled = await call('/v1/sync/pull', { deviceId: session.deviceId, cursor: 0 });
    expect(pulled.status).toBe(200);
    const body = PullResponseSchema.parse(await pulled.json());
    expect(body.rows.map((row) => row.row.id).sort()).toEqual(['cf-task-1', 'cf-task-2']);
    expect(body.lastMutationId).toBe(2);
  });

  it('converges three devices through workerd and a Neon Pool, pushes dropped, duplicated and reordered (4 seeds)', async () => {
    const raw = new pg.Pool({ connectionString: testDb.kind === 'postgres' ? testDb.url : '', max: 2 });
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb, async ([ops, skews]) => {
          run += 1;
          // Each run is a user of its own: three browsers signed in to one Google account.
          const sub = `cf-sim-${run}`;
          const sessions = new Map<string, Promise<Session>>();
          const sessionOf = async (device: string) => {
            let signed = sessions.get(device);
            if (signed === undefined) {
              signed = googleSignIn(await google.idToken(sub));
              sessions.set(device, signed);
            }
            return signed;
          };
          const post = async (path: string, device: string, body: unknown) => {
            const response = await fetch(`${url}${path}`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${(await sessionOf(device)).accessToken}`,
              },
              body: JSON.stringify(body),
            });
            if (response.status !== 200)
              throw new Error(`${path}: ${response.status} ${await response.text()}`);
            return response.json();
          };
          const server: SyncServer = {
            push: async (request) =>
              PushResponseSchema.parse(await post('/v1/sync/push', request.deviceId, request)),
            pull: async (request) => {
              const answer = PullResponseSchema.parse(await post('/v1/sync/pull', request.deviceId, request));
              return {
                ...answer,
                rows: answer.rows.map((r) => ({ table: r.table, row: r.row as SyncedRow })),
              };
            },
            // workerd keeps no state of its own between requests: the same server serves on.
            restart: async () => server,
            rows: async () => {
              const userId = (await sessionOf('laptop')).user.id;
              const { rows } = await raw.query<{
                kind: string;
                row_id: string;
                values: Record<string, unknown>;
                versions: Record<string, string>;
              }>('select kind, row_id, values, versions from sync_rows where user_id = $1', [userId]);
              return Object.fromEntries(
                rows.map((r) => [
                  rowKey(r.kind, r.row_id),
                  { id: r.row_id, values: r.values, versions: r.versions },
                ]),
              ) as Record<string, SyncedRow>;
            },
          };
          const result = await simulate(ops, skews, async () => server);
          await expectConverged(result);
          // Exactly once: each device's last applied mutation is the number of edits it made.
          for (const client of result.clients) {
            const signed = await sessionOf(client.state.deviceId);
            const { rows } = await raw.query<{ last: string }>(
              'select last_mutation_id as last from sync_devices where user_id = $1 and device_id = $2',
              [signed.user.id, signed.deviceId],
            );
            expect(Number(rows[0]?.last ?? 0)).toBe(client.state.nextMutationId - 1);
          }
        }),
        // Three Google sign-ins a run: with the file's other sign-ins and refreshes, within the
        // Worker's sign-in burst of 20 per address.
        { numRuns: 4, seed: 20261202 },
      );
    } finally {
      await raw.end();
    }
  }, 240_000);

  it('refuses /v1/* without an access token, and with a forged one, spending nothing', async () => {
    const calls = fake.calls.length;
    const forged = await new SignJWT({ did: session.deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.user.id)
      .setIssuer('brody-api')
      .setAudience('brody-extension')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-the-deployed-signing-key-0123456789'));
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: session.accessToken },
      { authorization: `Bearer ${forged}` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${url}/v1/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ messages: [urgentMessage('no-token')], ai: true }),
      });
      expect(response.status).toBe(401);
      expect(ApiError.parse(await response.json()).error.code).toBe('unauthorized');
    }
    expect((await fetch(`${url}/v1/ai`)).status).toBe(401);
    expect(fake.calls.length).toBe(calls);
  });

  it('answers an expired token 401, another user 404 for a device not theirs, and bad bodies 4xx, changing nothing', async () => {
    const expired = await new SignJWT({ did: session.deviceId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.user.id)
      .setIssuer('brody-api')
      .setAudience('brody-extension')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3_600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1_800)
      .sign(new TextEncoder().encode(AUTH_SECRET));
    const stale = await fetch(`${url}${AUTH_PATHS.account}`, {
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(stale.status).toBe(401);

    // Another Google account, on its own device, reaching for the first user's device.
    const other = await googleSignIn(await google.idToken('cf-user-2'));
    const otherAuth = { authorization: `Bearer ${other.accessToken}` };
    const theirs = await fetch(`${url}${AUTH_PATHS.devices}/${encodeURIComponent(session.deviceId)}`, {
      method: 'DELETE',
      headers: otherAuth,
    });
    expect(theirs.status).toBe(404);
    const mine = AccountViewSchema.parse(
      await (await fetch(`${url}${AUTH_PATHS.account}`, { headers: AUTH })).json(),
    );
    expect(mine.devices.map((device) => device.id)).toContain(session.deviceId);
    // The other user's pull sees none of the first user's rows.
    const pulled = await fetch(`${url}/v1/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...otherAuth },
      body: JSON.stringify({ deviceId: other.deviceId, cursor: 0 }),
    });
    expect(PullResponseSchema.parse(await pulled.json()).rows).toEqual([]);

    const send = (body: string) =>
      fetch(`${url}/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTH },
        body,
      });
    const wrongTypes = await send(JSON.stringify({ deviceId: session.deviceId, mutations: 'all of them' }));
    expect(wrongTypes.status).toBe(400);
    const oversized = await send(
      JSON.stringify({ deviceId: session.deviceId, mutations: [], pad: 'x'.repeat(3_000_000) }),
    );
    expect(oversized.status).toBe(413);
    for (const response of [wrongTypes, oversized])
      expect(ApiError.safeParse(await response.json()).success).toBe(true);
  });

  it('keeps the error contract in workerd', async () => {
    const foreign = await fetch(`${url}/v1/triage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...AUTH },
      body: JSON.stringify({ messages: [urgentMessage('cf-evil')] }),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const bad = await fetch(`${url}/v1/triage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN, ...AUTH },
      body: JSON.stringify({ messages: [] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(ApiError.parse(await bad.json()).error.message).toContain('messages');
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(ApiError.parse(await missing.json()).error.code).toBe('not_found');
  });
});

async function waitForHealth(healthUrl: string, log: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(healthUrl);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not become healthy:\n${log()}`);
}
