/**
 * The Node entry over real HTTP: startNodeServer on a free port, plain fetch, Hono's typed client, a
 * PGlite data directory surviving a restart, and `tsx worker/src/node.ts` shutting down on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountViewSchema,
  AUTH_PATHS,
  PAIRING_CODE_SECONDS,
  type Session,
  SessionSchema,
} from '../../shared/auth/contract';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { ApiError, HealthResponse, LIMITS, TriageResponse } from '../../shared/schemas';
import type { AppType } from '../../worker/src/app';
import { requestPairingCode } from '../../worker/src/cli/pair';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { CONTEXT, newsletterMessage, urgentMessage } from './messages';
import { bearer } from './sign-in';

const PAIRING_LINE = /^Pairing code: [A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/m;

/** What the extension does with a pairing code: POST /v1/auth/pair, keep the session. */
async function pairOverHttp(url: string, code: string, deviceName = 'Chromium'): Promise<Session> {
  const response = await fetch(`${url}${AUTH_PATHS.pair}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN },
    body: JSON.stringify({ code, deviceName }),
  });
  expect(response.status).toBe(200);
  return SessionSchema.parse(await response.json());
}

describe('startNodeServer over HTTP', () => {
  let testDb: TestDatabase;
  let server: NodeServer;
  let stateDir: string;
  let auth: { authorization: string };

  beforeAll(async () => {
    testDb = await createTestDatabase('node_server');
    stateDir = await mkdtemp(join(tmpdir(), 'brody-state-'));
    server = await startNodeServer({
      port: 0,
      databaseUrl: testDb.kind === 'postgres' ? testDb.url : undefined,
      dataDir: 'memory://',
      stateDir,
      allowedOrigins: [EXTENSION_ORIGIN],
      quiet: true,
    });
    auth = bearer(await pairOverHttp(server.url, server.pairingCode));
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('makes a pairing code at start that any number of browsers may use', async () => {
    expect(`Pairing code: ${server.pairingCode}`).toMatch(PAIRING_LINE);
    const second = await pairOverHttp(
      server.url,
      server.pairingCode.toLowerCase().replace('-', ''),
      'Laptop',
    );
    expect(second.user.id).toBe('local');
    const account = await fetch(`${server.url}${AUTH_PATHS.account}`, { headers: bearer(second) });
    expect(account.status).toBe(200);
    const view = AccountViewSchema.parse(await account.json());
    expect(view.devices.map((device) => [device.name, device.current])).toEqual([
      ['Chromium', false],
      ['Laptop', true],
    ]);
  });

  it('hands a fresh code to `npm run pair` (admin secret, loopback, no Origin) and to nobody else', async () => {
    const fresh = await requestPairingCode({ url: server.url, stateDir });
    expect(fresh.code).not.toBe(server.pairingCode);
    expect(Date.parse(fresh.expiresAt) - Date.now()).toBeLessThanOrEqual(PAIRING_CODE_SECONDS * 1000);
    expect((await pairOverHttp(server.url, fresh.code)).user.id).toBe('local');

    const secret = (await readFile(join(stateDir, 'admin-secret'), 'utf8')).trim();
    const ask = (headers: Record<string, string>) =>
      fetch(`${server.url}${AUTH_PATHS.pairingCode}`, { method: 'POST', headers });
    expect((await ask({})).status).toBe(401);
    expect((await ask({ authorization: `Bearer ${secret}x` })).status).toBe(401);
    // A page the user visits could reach 127.0.0.1; it sends an Origin, and cannot read the secret.
    expect((await ask({ authorization: `Bearer ${secret}`, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await ask({ authorization: `Bearer ${secret}`, origin: EXTENSION_ORIGIN })).status).toBe(403);
    expect((await ask({ authorization: `Bearer ${secret}` })).status).toBe(200);
  });

  it('prints `Pairing code: XXXX-XXXX` from `npm run pair` against the running API', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker/src/cli/pair.ts'], {
      env: { ...process.env, PORT: String(server.port), HOST: '127.0.0.1', STATE_DIR: stateDir },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    const line = PAIRING_LINE.exec(output)?.[0] ?? '';
    expect(line, output).not.toBe('');
    expect((await pairOverHttp(server.url, line.slice('Pairing code: '.length))).user.id).toBe('local');
  }, 60_000);

  it('listens on a free port and reports its database', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const health = HealthResponse.parse(await response.json());
    expect(health.database).toBe(testDb.kind === 'postgres' ? 'postgres' : 'pglite');
    expect(server.database).toBe(health.database);
  });

  it('answers only requests addressed to loopback by name (DNS rebinding)', async () => {
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: server.port, path: '/v1/ai', method: 'GET', headers: { host, ...auth } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await withHost(`rebind.attacker.example:${server.port}`)).toBe(403);
    expect(await withHost('127.0.0.1')).toBe(403);
    expect(await withHost(`127.0.0.1:${server.port + 1}`)).toBe(403);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect(await withHost(host), host).toBe(200);
    }
  });

  it('triages over HTTP with CORS for the extension and the cache header exposed', async () => {
    const body = JSON.stringify({ messages: [urgentMessage('http-1')], context: CONTEXT, ai: true });
    const post = () =>
      fetch(`${server.url}/v1/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN, ...auth },
        body,
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(first.headers.get('x-brody-cache')).toBe('hits=0 misses=1');
    expect(TriageResponse.parse(await first.json()).results[0]?.urgency).toBe('high');
    const second = await post();
    expect(second.headers.get('x-brody-cache')).toBe('hits=1 misses=0');
  });

  it('refuses an oversized body over the wire with 413', async () => {
    // node:http rather than fetch: the server answers before the upload ends, and undici reports the
    // closed socket instead of the response a browser or curl shows.
    const { status, body } = await postRaw(`${server.url}/v1/triage`, 'x'.repeat(LIMITS.requestBytes + 1));
    expect(status).toBe(413);
    expect(ApiError.parse(JSON.parse(body)).error.code).toBe('payload_too_large');
  });

  it('works through the typed client hc<AppType>', async () => {
    const client = hc<AppType>(server.url, { headers: auth });
    const health = await client.healthz.$get();
    expect(health.status).toBe(200);
    if (health.status === 200) expect((await health.json()).ok).toBe(true);

    const response = await client.v1.triage.$post({
      json: { messages: [newsletterMessage('typed-1'), urgentMessage('typed-2')], context: CONTEXT },
    });
    expect(response.status).toBe(200);
    const { results } = await response.json();
    expect(results.map((result) => [result.id, result.urgency])).toEqual([
      ['typed-1', 'low'],
      ['typed-2', 'high'],
    ]);
  });
});

describe('startNodeServer on a PGlite data directory', () => {
  let dataDir: string;
  let stateDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'brody-pglite-'));
    stateDir = join(dataDir, 'state');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('applies migrations on start and keeps stored results and sessions across a restart', async () => {
    let auth: { authorization: string } = { authorization: '' };
    const request = () => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ messages: [urgentMessage('persist-1')], context: CONTEXT, ai: true }),
    });
    const first = await startNodeServer({ port: 0, dataDir, stateDir, quiet: true });
    try {
      expect(first.database).toBe('pglite');
      auth = bearer(await pairOverHttp(first.url, first.pairingCode));
      const response = await fetch(`${first.url}/v1/triage`, request());
      expect(response.headers.get('x-brody-cache')).toBe('hits=0 misses=1');
    } finally {
      await first.close();
    }
    const second = await startNodeServer({ port: 0, dataDir, stateDir, quiet: true });
    try {
      // The signing key lives in the state directory: a token from before the restart still works.
      const response = await fetch(`${second.url}/v1/triage`, request());
      expect(response.headers.get('x-brody-cache')).toBe('hits=1 misses=0');
    } finally {
      await second.close();
    }
  });
});

describe('tsx worker/src/node.ts', () => {
  it('starts from the environment and shuts down cleanly on SIGTERM', async () => {
    const testDb = await createTestDatabase('node_cli');
    const stateDir = await mkdtemp(join(tmpdir(), 'brody-state-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      STATE_DIR: stateDir,
    };
    if (testDb.kind === 'postgres') env.DATABASE_URL = testDb.url;
    else env.DATA_DIR = 'memory://';
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker/src/node.ts'], { env });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${output}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(output).toMatch(PAIRING_LINE);

      const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await testDb.drop();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

function postRaw(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        answered = true;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    // Writing the rest of the upload may fail once the server has answered and closed; the answer counts.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.end(body);
  });
}
