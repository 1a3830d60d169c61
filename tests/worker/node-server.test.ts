/**
 * The Node entry over real HTTP: startNodeServer on a free port, plain fetch, Hono's typed client, a
 * PGlite data directory surviving a restart, and `tsx worker/src/node.ts` shutting down on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { ApiError, HealthResponse, LIMITS, TriageResponse } from '../../shared/schemas';
import type { AppType } from '../../worker/src/app';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { CONTEXT, newsletterMessage, urgentMessage } from './messages';

describe('startNodeServer over HTTP', () => {
  let testDb: TestDatabase;
  let server: NodeServer;

  beforeAll(async () => {
    testDb = await createTestDatabase('node_server');
    server = await startNodeServer({
      port: 0,
      databaseUrl: testDb.kind === 'postgres' ? testDb.url : undefined,
      dataDir: 'memory://',
      allowedOrigins: [EXTENSION_ORIGIN],
      quiet: true,
    });
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

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
          { host: '127.0.0.1', port: server.port, path: '/v1/ai', method: 'GET', headers: { host } },
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
        headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN },
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
    const client = hc<AppType>(server.url);
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
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'brody-pglite-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('applies migrations on start and keeps stored results across a restart', async () => {
    const request = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [urgentMessage('persist-1')], context: CONTEXT, ai: true }),
    };
    const first = await startNodeServer({ port: 0, dataDir, quiet: true });
    try {
      expect(first.database).toBe('pglite');
      const response = await fetch(`${first.url}/v1/triage`, request);
      expect(response.headers.get('x-brody-cache')).toBe('hits=0 misses=1');
    } finally {
      await first.close();
    }
    const second = await startNodeServer({ port: 0, dataDir, quiet: true });
    try {
      const response = await fetch(`${second.url}/v1/triage`, request);
      expect(response.headers.get('x-brody-cache')).toBe('hits=1 misses=0');
    } finally {
      await second.close();
    }
  });
});

describe('tsx worker/src/node.ts', () => {
  it('starts from the environment and shuts down cleanly on SIGTERM', async () => {
    const testDb = await createTestDatabase('node_cli');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
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

      const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await testDb.drop();
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
