/**
 * The Cloudflare entry (worker/src/index.ts) in workerd via `wrangler dev`, on Neon's HTTP driver,
 * reaching the local PostgreSQL through the relay: the production code path short of Neon itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { AiInfo, ApiError, HealthResponse, ThreadSummary, TriageResponse } from '../../shared/schemas';
import { openDatabase } from '../../worker/src/db/client';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';
import { freePort } from '../support/free-port';
import { type NeonRelay, startNeonRelay } from '../support/neon-relay';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { CONTEXT, newsletterMessage, urgentMessage } from './messages';

const STARTUP_MS = 45_000;
const API_TOKEN = 'cf-test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${API_TOKEN}` };

describe('Cloudflare entry under wrangler dev', () => {
  let relay: NeonRelay;
  let fake: FakeOpenAI;
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
    stateDir = await mkdtemp(join(tmpdir(), 'brody-wrangler-'));
    const [port, inspectorPort] = [await freePort(), await freePort()];
    url = `http://127.0.0.1:${port}`;
    const vars = {
      DATABASE_URL: relay.connectionString(testDb.name),
      API_TOKEN,
      NEON_HTTP_ENDPOINT: `http://127.0.0.1:${relay.port}/sql`,
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
  }, STARTUP_MS + 15_000);

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

  it('refuses /v1/* without the API token, and with a wrong one, spending nothing', async () => {
    const calls = fake.calls.length;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: API_TOKEN },
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
