/**
 * What the API costs over what the engine costs: the rule engine in-process against POST /v1/triage
 * (in-process app, warm, batch 100) on PGlite and on PostgreSQL, and 50 concurrent clients on
 * loopback HTTP sending 20 new messages per request, against the API in its own process (as `npm
 * start` runs it) after one uncounted request per client. Figures only; targets are in the issue tracker.
 */
import { performance } from 'node:perf_hooks';
import { parseMessage, toSummary } from '../../shared/mail/index';
import { LIMITS, type MessageSummary, MessageSummary as MessageSummarySchema } from '../../shared/schemas';
import { triageMany } from '../../shared/triage';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import type { DatabaseHandle } from '../../worker/src/db/database';
import { devicesOf } from '../support/http-sign-in';
import { createTestDatabase } from '../support/postgres';
import { signedIn } from '../worker/sign-in';
import { loadCorpus } from './engine';
import { startServerProcess } from './server-process';

export interface ApiBenchResult {
  engineMsPerMessage: number;
  api: { database: string; warmMsPerMessage: number; ratio: number }[];
  load: { database: string; clients: number; requests: number; p50: number; p95: number; max: number }[];
}

const NOW = '2026-03-10T09:00:00Z';
const BATCH = 100;
const CLIENTS = 50;
const PER_REQUEST = 20;
const REQUESTS_PER_CLIENT = 6;
/** One user's own requests one after another: what a single user waits for. */
const ALONE_REQUESTS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

async function corpusMessages(): Promise<MessageSummary[]> {
  const mails = await loadCorpus();
  const out: MessageSummary[] = [];
  for (const [index, mail] of mails.entries()) {
    try {
      const summary = toSummary(parseMessage(mail.raw));
      const parsed = MessageSummarySchema.safeParse({ ...summary, id: `m${index}` });
      if (parsed.success) out.push(parsed.data);
    } catch {
      // Unparseable mail is the client's to skip; the bench measures what reaches the API.
    }
  }
  return out;
}

/** A batch the client would send: bodies as the API receives them (the client cuts at bodyChars). */
function batchOf(messages: MessageSummary[], start: number, size: number, tag: string): MessageSummary[] {
  return Array.from({ length: size }, (_, offset) => {
    const message = messages[(start + offset) % messages.length] as MessageSummary;
    return { ...message, id: `${tag}-${start + offset}`, body: message.body?.slice(0, LIMITS.bodyChars) };
  });
}

function engineCost(messages: MessageSummary[]): number {
  const batches = Math.floor(messages.length / BATCH);
  // Warm the JIT first; then the same batches the API will see.
  for (let b = 0; b < Math.min(batches, 5); b++)
    triageMany(batchOf(messages, b * BATCH, BATCH, 'w'), { now: NOW });
  const started = performance.now();
  let count = 0;
  for (let round = 0; round < 3; round++) {
    for (let b = 0; b < batches; b++) {
      const batch = batchOf(messages, b * BATCH, BATCH, 'e').map((message) => ({
        ...message,
        body: message.body?.slice(0, LIMITS.triageBodyChars),
      }));
      triageMany(batch, { now: NOW });
      count += batch.length;
    }
  }
  return (performance.now() - started) / count;
}

async function apiCost(handle: DatabaseHandle, messages: MessageSummary[]): Promise<number> {
  const app = signedIn(
    createApp({ db: handle.db, database: handle.kind, allowedOrigins: [], version: 'bench' }),
    handle.db,
  );
  const batches = Math.min(10, Math.floor(messages.length / BATCH));
  const bodies = Array.from({ length: batches }, (_, b) =>
    JSON.stringify({ messages: batchOf(messages, b * BATCH, BATCH, 'api'), context: { now: NOW } }),
  );
  const send = (body: string) =>
    app.request('/v1/triage', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  // Cold pass fills whatever the API keeps; the measured passes are warm.
  for (const body of bodies) await (await send(body)).arrayBuffer();
  const started = performance.now();
  let count = 0;
  for (let round = 0; round < 3; round++) {
    for (const body of bodies) {
      await (await send(body)).arrayBuffer();
      count += BATCH;
    }
  }
  return (performance.now() - started) / count;
}

type LoadRow = ApiBenchResult['load'][number];

/** `clients` clients, each sending `perClient` requests of PER_REQUEST new messages one after another. */
async function timeClients(
  server: { url: string },
  auth: Record<string, string>,
  messages: MessageSummary[],
  clients: number,
  perClient: number,
  first: number,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = first;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let r = 0; r < perClient; r++) {
        const start = next;
        next += PER_REQUEST;
        const body = JSON.stringify({
          messages: batchOf(messages, start, PER_REQUEST, `load-${clients}-${client}-${r}`),
          context: { now: NOW },
        });
        const began = performance.now();
        const response = await fetch(`${server.url}/v1/triage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - began);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function loadRow(database: string, clients: number, latencies: number[]): LoadRow {
  return {
    database,
    clients,
    requests: latencies.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

async function loadRun(
  database: 'pglite' | 'postgres',
  url: string | undefined,
  messages: MessageSummary[],
): Promise<LoadRow[]> {
  const server = await startServerProcess(url);
  const auth = await devicesOf(server.url, server.pairingCode)('bench');
  // One request per client first, not counted: the figure is for clients already connected.
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const body = JSON.stringify({
        messages: batchOf(messages, 0, 1, `warm-${client}`),
        context: { now: NOW },
      });
      const response = await fetch(`${server.url}/v1/triage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body,
      });
      await response.arrayBuffer();
    }),
  );
  try {
    const alone = await timeClients(server, auth, messages, 1, ALONE_REQUESTS, 0);
    const crowd = await timeClients(server, auth, messages, CLIENTS, REQUESTS_PER_CLIENT, 100_000);
    return [loadRow(database, 1, alone), loadRow(database, CLIENTS, crowd)];
  } finally {
    await server.close();
  }
}

export async function runApiBench(): Promise<ApiBenchResult> {
  const messages = await corpusMessages();
  const engineMsPerMessage = engineCost(messages);
  const api: ApiBenchResult['api'] = [];
  const load: ApiBenchResult['load'] = [];

  const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const warm = await apiCost(pglite, messages);
    api.push({ database: 'pglite', warmMsPerMessage: warm, ratio: warm / engineMsPerMessage });
  } finally {
    await pglite.close();
  }
  const testDb = await createTestDatabase('bench_api');
  if (testDb.kind === 'postgres') {
    const handle = await openDatabase({ kind: 'postgres', url: testDb.url });
    try {
      const warm = await apiCost(handle, messages);
      api.push({ database: 'postgres', warmMsPerMessage: warm, ratio: warm / engineMsPerMessage });
    } finally {
      await handle.close();
    }
  }
  load.push(...(await loadRun('pglite', undefined, messages)));
  if (testDb.kind === 'postgres') {
    const loadDb = await createTestDatabase('bench_api_load');
    try {
      load.push(
        ...(await loadRun('postgres', loadDb.kind === 'postgres' ? loadDb.url : undefined, messages)),
      );
    } finally {
      await loadDb.drop();
    }
  }
  await testDb.drop();
  return { engineMsPerMessage, api, load };
}

export function formatApiBench(result: ApiBenchResult): string[] {
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  return [
    `api: engine in-process ${ms(result.engineMsPerMessage)}/message (batch ${BATCH}, bodies cut at ${LIMITS.triageBodyChars} chars)`,
    ...result.api.map(
      (row) =>
        `api: ${row.database} warm batch ${BATCH}: ${ms(row.warmMsPerMessage)}/message = ${row.ratio.toFixed(2)}× engine`,
    ),
    ...result.load.map(
      (row) =>
        `api: ${row.database} ${row.clients} ${row.clients === 1 ? 'client' : 'clients'} × ${PER_REQUEST} new messages/request, ${row.requests} requests: p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms, max ${row.max.toFixed(0)} ms`,
    ),
  ];
}

const entry = process.argv[1];
if (entry?.endsWith('tests/bench/api.ts')) {
  for (const line of formatApiBench(await runApiBench())) console.log(line);
}
