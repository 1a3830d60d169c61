import 'fake-indexeddb/auto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError, createApiClient, parseRetryAfter } from '../../extension/background/api-client';
import { BrodyDatabase } from '../../extension/background/db';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import { serveTriagePort, type TriagePort } from '../../extension/background/triage-port';
import type { PortReply } from '../../extension/platform/messages';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { LIMITS } from '../../shared/limits';
import { triage } from '../../shared/triage';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { accessTokenFor } from '../support/api-sign-in';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A plain HTTP server whose behaviour each test scripts, for failure modes the real API won't produce on demand. */
async function scriptedServer(
  handler: Handler,
): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    hits++;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const message = {
  id: '1789000000000000001',
  from: { name: 'Priya Raman', email: 'priya@acme-legal.com' },
  to: [{ name: 'Sam Park', email: 'sam@acme.example' }],
  subject: 'Contract signature needed by today 5pm',
  snippet: 'Please sign before today 5pm.',
  date: '2026-11-20T09:00:00-08:00',
};
/** A person asking the user by name for a signature due later the same day. */
const context = { now: '2026-11-20T10:00:00-08:00', userEmails: ['sam@acme.example'] };

let api: NodeServer;
let token = '';
beforeAll(async () => {
  api = await startNodeServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', quiet: true });
  token = await accessTokenFor(api);
}, 60_000);
afterAll(async () => {
  await api?.close();
});

describe('API client against the real API', () => {
  it('triages a batch and reads health', async () => {
    const client = createApiClient({ baseUrl: async () => api.url, token: async () => token });
    const response = await client.triage({ messages: [message], context });
    expect(response.results).toHaveLength(1);
    expect(response.results[0]?.id).toBe(message.id);
    expect(response.results[0]?.urgency).toBe('high');
    const health = await client.health();
    expect(health).toMatchObject({ ok: true, database: 'pglite' });
  });

  it('maps a 400 to bad_request without retrying', async () => {
    const client = createApiClient({ baseUrl: async () => api.url, backoffMs: 1, token: async () => token });
    const error = await client.triage({ messages: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiClientError);
    expect((error as ApiClientError).code).toBe('bad_request');
    expect((error as ApiClientError).status).toBe(400);
  });
});

describe('API client failure handling', () => {
  it('retries 503 and honours Retry-After, then succeeds', async () => {
    let calls = 0;
    const server = await scriptedServer((_, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'unavailable', message: 'warming up' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, database: 'postgres', version: '1' }));
    });
    const client = createApiClient({ baseUrl: async () => server.url, backoffMs: 5_000 });
    const started = Date.now();
    await expect(client.health()).resolves.toMatchObject({ ok: true });
    // Retry-After: 0 replaced the 5 s backoff.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.hits()).toBe(2);
    await server.close();
  });

  it('gives up on 429 when Retry-After is longer than it is willing to wait', async () => {
    const server = await scriptedServer((_, response) => {
      response.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }));
    });
    const client = createApiClient({ baseUrl: async () => server.url, backoffMs: 1 });
    await expect(client.health()).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
    expect(server.hits()).toBe(1);
    await server.close();
  });

  it('times out a silent server and reports unavailable after its retries', async () => {
    const server = await scriptedServer(() => {
      // Never answers.
    });
    const client = createApiClient({
      baseUrl: async () => server.url,
      timeoutMs: 150,
      retries: 1,
      backoffMs: 10,
    });
    await expect(client.health()).rejects.toMatchObject({ code: 'unavailable' });
    expect(server.hits()).toBe(2);
    await server.close();
  });

  it('waits longer for calls that may ask a model than for plain ones', async () => {
    const server = await scriptedServer((_, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ results: [], aiStatus: 'ok' }));
      }, 400);
    });
    const client = createApiClient({
      baseUrl: async () => server.url,
      timeoutMs: 150,
      aiTimeoutMs: 3_000,
      retries: 0,
    });
    await expect(client.triage({ messages: [message] })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(client.triage({ messages: [message], ai: true })).resolves.toMatchObject({ aiStatus: 'ok' });
    await server.close();
  });

  it('never repeats a call that may ask a model once the API may have started on it', async () => {
    for (const behaviour of ['500', 'silent'] as const) {
      const server = await scriptedServer((_, response) => {
        if (behaviour === 'silent') return;
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }));
      });
      const client = createApiClient({
        baseUrl: async () => server.url,
        // Long enough for a loaded machine to deliver the request before the client gives up.
        aiTimeoutMs: 1_500,
        timeoutMs: 1_500,
        retries: 2,
        backoffMs: 10,
      });
      await expect(client.triage({ messages: [message], ai: true }), behaviour).rejects.toBeInstanceOf(
        ApiClientError,
      );
      expect(server.hits(), behaviour).toBe(1);
      // Without a model in play the same failure is retried.
      await expect(client.triage({ messages: [message] })).rejects.toBeInstanceOf(ApiClientError);
      expect(server.hits(), behaviour).toBe(4);
      await server.close();
    }
  }, 30_000);

  it('retries a model call the API refused before starting (503 with Retry-After)', async () => {
    let calls = 0;
    const server = await scriptedServer((_, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        response.end(
          JSON.stringify({ error: { code: 'unavailable', message: 'Database is not reachable' } }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ results: [], aiStatus: 'ok' }));
    });
    const client = createApiClient({ baseUrl: async () => server.url, retries: 2, backoffMs: 10 });
    await expect(client.triage({ messages: [message], ai: true })).resolves.toMatchObject({ aiStatus: 'ok' });
    expect(server.hits()).toBe(2);
    await server.close();
  });

  it('waits longer for a model call than the API can take to fall back on rules', () => {
    expect(LIMITS.aiClientWaitMs).toBeGreaterThan(LIMITS.aiRequestBudgetMs);
  });

  it('sends the access token to the saved API on /v1 only, never to a URL under test', async () => {
    const seen: { path: string; authorization?: string }[] = [];
    const server = await scriptedServer((request, response) => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' });
      const health = { ok: true, database: 'pglite', version: 't' };
      response.end(JSON.stringify(request.url === '/healthz' ? health : { results: [], aiStatus: 'off' }));
    });
    const other = await scriptedServer((request, response) => {
      seen.push({ path: `other${request.url}`, authorization: request.headers.authorization });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, database: 'pglite', version: 't' }));
    });
    const client = createApiClient({
      baseUrl: async () => server.url,
      token: async () => 'tok-0123456789abcdef',
    });
    await client.triage({ messages: [message] });
    await client.health(other.url);
    expect(seen).toEqual([
      { path: '/v1/triage', authorization: 'Bearer tok-0123456789abcdef' },
      { path: 'other/healthz', authorization: undefined },
    ]);
    await server.close();
    await other.close();
  });

  it('reports unavailable when nothing listens', async () => {
    const server = await scriptedServer(() => undefined);
    const url = server.url;
    await server.close();
    const client = createApiClient({ baseUrl: async () => url, retries: 2, backoffMs: 5 });
    await expect(client.health()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('rejects an answer in the wrong shape', async () => {
    const server = await scriptedServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ results: [{ id: 'x', urgency: 'NOW' }] }));
    });
    const client = createApiClient({ baseUrl: async () => server.url });
    await expect(client.triage({ messages: [message] })).rejects.toMatchObject({ code: 'internal' });
    await server.close();
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

/** An in-process stand-in for a runtime port: records replies and lets the test post messages. */
function portPair() {
  const replies: PortReply[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  let disconnected = false;
  const port: TriagePort = {
    postMessage: (reply) => replies.push(reply),
    onMessage: { addListener: (listener) => listeners.push(listener) },
    onDisconnect: { addListener: (listener) => disconnectListeners.push(listener) },
    disconnect: () => {
      disconnected = true;
    },
  };
  return {
    port,
    replies,
    send: (message: unknown) => {
      for (const listener of listeners) listener(message);
    },
    isDisconnected: () => disconnected,
  };
}

async function until(check: () => boolean, timeout = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeout) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('triage port in the background', () => {
  it('answers with the rule engine at once, then the API; a second visit from the Dexie cache alone', async () => {
    const db = new BrodyDatabase('brody-port-test');
    const deps = {
      db,
      api: createApiClient({ baseUrl: async () => api.url, token: async () => token }),
      context: async () => ({}),
    };
    const first = portPair();
    serveTriagePort(first.port, deps);
    first.send({ type: 'triage', batch: 7, messages: [message] });
    await until(() => first.replies.length === 2);
    // The rule engine runs here in the background, so the page never does: its verdict comes first.
    expect(first.replies[0]).toMatchObject({ type: 'triage-results', batch: 7, origin: 'rules' });
    const [local] = first.replies[0]?.type === 'triage-results' ? first.replies[0].results : [];
    expect(local).toEqual({ ...triage(message), at: local?.at });
    expect(first.replies[1]).toMatchObject({ type: 'triage-results', batch: 7, origin: 'server' });

    const second = portPair();
    serveTriagePort(second.port, deps);
    second.send({ type: 'triage', batch: 0, messages: [message] });
    await until(() => second.replies.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.replies).toHaveLength(1);
    expect(second.replies[0]).toMatchObject({ type: 'triage-results', origin: 'cache' });
    const [cached] = second.replies[0]?.type === 'triage-results' ? second.replies[0].results : [];
    expect(cached?.id).toBe(message.id);
    await db.delete();
  });

  it('disconnects a peer that sends a malformed batch', () => {
    const db = new BrodyDatabase('brody-port-test-2');
    const peer = portPair();
    serveTriagePort(peer.port, {
      db,
      api: createApiClient({ baseUrl: async () => api.url, token: async () => token }),
      context: async () => ({}),
    });
    peer.send({ type: 'triage', batch: 0, messages: [{ subject: 'no id' }] });
    expect(peer.isDisconnected()).toBe(true);
    expect(peer.replies).toEqual([]);
  });

  it('reports an API failure as a triage-error', async () => {
    const db = new BrodyDatabase('brody-port-test-3');
    const peer = portPair();
    const down = createApiClient({ baseUrl: async () => 'http://127.0.0.1:9', retries: 0 });
    serveTriagePort(peer.port, { db, api: down, context: async () => ({}) });
    peer.send({ type: 'triage', batch: 1, messages: [message] });
    await until(() => peer.replies.length === 2);
    expect(peer.replies[0]).toMatchObject({ type: 'triage-results', batch: 1, origin: 'rules' });
    expect(peer.replies[1]).toMatchObject({ type: 'triage-error', batch: 1, error: { code: 'unavailable' } });
    await db.delete();
  });

  it('a hanging API holds back no batch’s local answer, only the API calls after it', async () => {
    const db = new BrodyDatabase('brody-port-test-4');
    const peer = portPair();
    let calls = 0;
    const hanging = {
      triage: (_request: unknown, signal?: AbortSignal) => {
        calls += 1;
        return new Promise<never>((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        );
      },
    } as unknown as Parameters<typeof serveTriagePort>[1]['api'];
    serveTriagePort(peer.port, { db, api: hanging, context: async () => ({}) });
    peer.send({ type: 'triage', batch: 1, messages: [message] });
    peer.send({ type: 'triage', batch: 2, messages: [{ ...message, id: 'other-thread' }] });
    await until(() => peer.replies.length === 2);
    expect(peer.replies.map((reply) => [reply.type, reply.batch])).toEqual([
      ['triage-results', 1],
      ['triage-results', 2],
    ]);
    // One API call at a time per tab: the second waits for the first.
    expect(calls).toBe(1);
    await db.delete();
  });
});

describe('runtime router', () => {
  const db = new BrodyDatabase('brody-router-test');
  const route = createRuntimeRouter({
    runtimeId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    db,
    api: createApiClient({ baseUrl: async () => api.url, token: async () => token }),
    apiUrl: async () => api.url,
  });
  const popup = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` };

  it('answers trusted, well-formed requests', async () => {
    expect(await route({ type: 'counts' }, popup)).toEqual({ high: 0, medium: 0, low: 0, total: 0 });
    expect(await route({ type: 'status' }, popup)).toMatchObject({ reachable: true, apiUrl: api.url });
  });

  it('refuses untrusted senders before looking at the message', async () => {
    expect(await route({ type: 'counts' }, { id: 'someone-else', url: 'https://mail.google.com/' })).toEqual({
      rejected: true,
      reason: 'sender',
    });
    expect(await route({ type: 'counts' }, { id: EXTENSION_ID, url: 'https://evil.example/' })).toEqual({
      rejected: true,
      reason: 'sender',
    });
  });

  it('answers privileged requests to extension pages only, never to a Gmail content script', async () => {
    const gmail = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox' };
    const calls = { before: 0 };
    const probe = await scriptedServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, database: 'pglite', version: 'probe' }));
    });
    calls.before = probe.hits();
    for (const request of [
      { type: 'status' },
      { type: 'test-connection', apiUrl: probe.url },
      { type: 'counts' },
      { type: 'list-rules' },
      { type: 'delete-rule', id: 'r1' },
      { type: 'ai-info' },
    ]) {
      expect(await route(request, gmail), request.type).toEqual({ rejected: true, reason: 'sender' });
    }
    // test-connection from a Gmail page would have made the background fetch any /healthz.
    expect(probe.hits()).toBe(calls.before);
    expect(await route({ type: 'test-connection', apiUrl: probe.url }, popup)).toMatchObject({
      reachable: true,
    });
    expect(probe.hits()).toBe(calls.before + 1);
    await probe.close();
  });

  it('refuses a sender whose reported origin disagrees with its URL', async () => {
    const forged = { id: EXTENSION_ID, url: 'https://mail.google.com/', origin: 'https://evil.example' };
    expect(await route({ type: 'thread-tasks', threadId: 't' }, forged)).toEqual({
      rejected: true,
      reason: 'sender',
    });
  });

  it('refuses malformed requests from trusted senders', async () => {
    expect(await route({ type: 'get-token' }, popup)).toEqual({ rejected: true, reason: 'shape' });
    expect(await route('counts', popup)).toEqual({ rejected: true, reason: 'shape' });
  });
});
