/**
 * Sync figures: pushing 1,000 mutations, an initial pull of 10,000 rows, and push and incremental
 * pull latency at 50 concurrent clients over HTTP on loopback (the API in its own process, each
 * client pulling since its own last pull), beside the same statements run
 * straight on Postgres, as a ratio. `npx tsx tests/bench/sync.ts`
 */

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { POLL_MS, PUSH_DEBOUNCE_MS } from '../../extension/background/sync/engine';
import { encodeHlc } from '../../shared/sync/hlc';
import { devicesOf } from '../support/http-sign-in';
import { createTestDatabase } from '../support/postgres';
import { startServerProcess } from './server-process';

const CLIENTS = 50;
const EDITS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ROUNDS = 20;

export interface SyncBenchResult {
  database: string;
  push1000Ms: number;
  pull10000Ms: number;
  pullRows: number;
  /** An edit on one device until another device's pull holds it, at the extension's cadence. */
  editSeen: Percentiles & { edits: number };
  concurrent: {
    clients: number;
    pull: Percentiles;
    push: Percentiles;
    rawPull: Percentiles;
    rawPush: Percentiles;
  };
  /** 50 devices polling at the extension's cadence (once per POLL_MS) while one device edits. */
  polling: { clients: number; pull: Percentiles; rawPull: Percentiles };
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const clock = (ms: number, node: string, counter = 0) => encodeHlc({ ms, counter, node });

/** Signed in as the device the body names (sync takes the device from the token). */
let signIn: (deviceName: string) => Promise<{ authorization: string }> = async () => ({ authorization: '' });

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const device = (body as { deviceId?: string }).deviceId ?? 'bench';
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signIn(device)) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

export async function runSyncBench(): Promise<SyncBenchResult | null> {
  const testDb = await createTestDatabase('bench_sync');
  if (testDb.kind !== 'postgres') return null;
  const server = await startServerProcess(testDb.url);
  signIn = devicesOf(server.url, server.pairingCode);
  const raw = new pg.Pool({ connectionString: testDb.url, max: 10 });
  raw.on('error', () => {});
  try {
    const base = Date.now();
    const push = (deviceId: string, from: number, count: number, prefix: string, ms: number) =>
      post(`${server.url}/v1/sync/push`, {
        deviceId,
        mutations: Array.from({ length: count }, (_, i) => ({
          id: from + i,
          change: {
            table: 'tasks',
            id: `${prefix}-${from + i}`,
            set: { title: `Task ${from + i}`, status: 'pending', priority: 'medium', order: from + i },
            hlc: clock(ms, deviceId, i),
          },
        })),
      });

    // 1,000 mutations from one device, in the client's batches of 500.
    const [, push1000Ms] = await timed(async () => {
      await push('laptop', 1, 500, 'p', base);
      await push('laptop', 501, 500, 'p', base + 1);
    });
    // Fill to 10,000 rows, then a new device pulls everything, page by page.
    for (let from = 1; from <= 9_000; from += 500) await push('filler', from, 500, 'f', base + 2 + from);
    let pullRows = 0;
    const [, pull10000Ms] = await timed(async () => {
      let cursor = 0;
      for (let page = 0; page < 100; page++) {
        const answer = await post(`${server.url}/v1/sync/pull`, { deviceId: 'desktop', cursor });
        pullRows += (answer.rows as unknown[]).length;
        cursor = answer.cursor as number;
        if (!answer.more) break;
      }
    });

    // Two devices online: an edit on the laptop, pushed after the extension's debounce, until the
    // desktop, polling every POLL_MS as it does while a Gmail or Calendar tab is open, has it.
    const seen: number[] = [];
    // The laptop pushed 1..1,000 above; its mutation ids go on from there, with no gap.
    let nextMutation = 1_001;
    const laptopEdit = (id: string, title: string, ms: number) =>
      post(`${server.url}/v1/sync/push`, {
        deviceId: 'laptop',
        mutations: [
          { id: nextMutation++, change: { table: 'tasks', id, set: { title }, hlc: clock(ms, 'laptop') } },
        ],
      });
    {
      let desktopCursor = (await post(`${server.url}/v1/sync/pull`, { deviceId: 'desktop-2', cursor: 0 }))
        .cursor as number;
      for (let edit = 0; edit < EDITS; edit++) {
        const rowId = `seen-${edit}`;
        const editedAt = performance.now();
        const pushed = (async () => {
          await sleep(PUSH_DEBOUNCE_MS);
          await laptopEdit(rowId, `Edit ${edit}`, base + 200_000 + edit);
        })();
        // The desktop's poll runs on its own clock: its phase against the edit is arbitrary.
        await sleep(Math.random() * POLL_MS);
        for (;;) {
          const answer = await post(`${server.url}/v1/sync/pull`, {
            deviceId: 'desktop-2',
            cursor: desktopCursor,
          });
          desktopCursor = answer.cursor as number;
          if ((answer.rows as { row: { id: string } }[]).some(({ row }) => row.id === rowId)) break;
          await sleep(POLL_MS);
        }
        seen.push(performance.now() - editedAt);
        await pushed;
      }
    }

    // 50 clients at once: each pushes one small change and pulls what changed since its own last
    // pull (the others' changes meanwhile), as a device polling while a tab is open does.
    const [{ rows: seqRows }] = [
      await raw.query<{ seq: string }>("select seq from sync_versions where user_id = 'local'"),
    ];
    const cursor = Number(seqRows[0]?.seq ?? 0);
    const pulls: number[] = [];
    const pushes: number[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        let since = cursor;
        // Signed in before the clock starts: the figure is for devices already signed in.
        await signIn(`client${c}`);
        for (let round = 0; round < ROUNDS; round++) {
          const [, pushMs] = await timed(() =>
            push(`client${c}`, round + 1, 1, `c${c}`, base + 100_000 + round),
          );
          pushes.push(pushMs);
          const [answer, pullMs] = await timed(() =>
            post(`${server.url}/v1/sync/pull`, { deviceId: `client${c}`, cursor: since }),
          );
          since = answer.cursor as number;
          pulls.push(pullMs);
        }
      }),
    );

    // 50 devices online at once, each pulling once a second as the extension does while a tab is
    // open (a random phase each), while one device edits every 200 ms.
    const polled: number[] = [];
    const rawPolled: number[] = [];
    {
      const head = async () =>
        Number(
          (await raw.query<{ seq: string }>("select seq from sync_versions where user_id = 'local'")).rows[0]
            ?.seq ?? 0,
        );
      const start = await head();
      let editing = true;
      const editor = (async () => {
        for (let edit = 0; editing; edit++) {
          await laptopEdit(`poll-${edit}`, `Edit ${edit}`, base + 300_000 + edit);
          await sleep(PUSH_DEBOUNCE_MS);
        }
      })();
      const pollers = (pull: (since: number) => Promise<number>, samples: number[]) =>
        Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            let since = start;
            await sleep(Math.random() * POLL_MS);
            for (let round = 0; round < ROUNDS; round++) {
              const began = performance.now();
              since = await pull(since);
              const took = performance.now() - began;
              samples.push(took);
              await sleep(Math.max(0, POLL_MS - took));
            }
          }),
        );
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => signIn(`poller${c}`)));
      let poller = 0;
      await pollers(async (since) => {
        const device = `poller${poller++ % CLIENTS}`;
        return (await post(`${server.url}/v1/sync/pull`, { deviceId: device, cursor: since }))
          .cursor as number;
      }, polled);
      await pollers(async (since) => {
        const upTo = await head();
        await raw.query(
          "select kind, row_id, values, versions, seq from sync_rows where user_id = 'local' and seq > $1 and seq <= $2 order by seq limit 5000",
          [since, upTo],
        );
        return upTo;
      }, rawPolled);
      editing = false;
      await editor;
    }

    // The same work as plain SQL on a pool: the floor the API is compared with.
    const rawPulls: number[] = [];
    const rawPushes: number[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        let since = cursor;
        for (let round = 0; round < ROUNDS; round++) {
          const [, pushMs] = await timed(async () => {
            const client = await raw.connect();
            try {
              await client.query('begin');
              await client.query("select seq from sync_versions where user_id = 'local' for update");
              await client.query(
                `insert into sync_rows (user_id, kind, row_id, values, versions, seq)
                 values ('local', 'tasks', $1, $2, $3, (select seq + 1 from sync_versions where user_id = 'local'))
                 on conflict (user_id, kind, row_id) do update set values = excluded.values, versions = excluded.versions, seq = excluded.seq`,
                [
                  `raw${c}-${round}`,
                  JSON.stringify({ title: 'x' }),
                  JSON.stringify({ title: clock(base, 'raw') }),
                ],
              );
              await client.query("update sync_versions set seq = seq + 1 where user_id = 'local'");
              await client.query('commit');
            } finally {
              client.release();
            }
          });
          rawPushes.push(pushMs);
          const [seq, pullMs] = await timed(async () => {
            const head = await raw.query<{ seq: string }>(
              "select seq from sync_versions where user_id = 'local'",
            );
            await raw.query(
              "select kind, row_id, values, versions, seq from sync_rows where user_id = 'local' and seq > $1 order by seq limit 5000",
              [since],
            );
            return Number(head.rows[0]?.seq ?? since);
          });
          since = seq;
          rawPulls.push(pullMs);
        }
      }),
    );

    return {
      database: 'postgres',
      push1000Ms,
      pull10000Ms,
      pullRows,
      editSeen: { ...percentiles(seen), edits: seen.length },
      polling: { clients: CLIENTS, pull: percentiles(polled), rawPull: percentiles(rawPolled) },
      concurrent: {
        clients: CLIENTS,
        pull: percentiles(pulls),
        push: percentiles(pushes),
        rawPull: percentiles(rawPulls),
        rawPush: percentiles(rawPushes),
      },
    };
  } finally {
    await raw.end();
    await server.close();
    await testDb.drop();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const trio = (p: Percentiles) => `p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}`;

export function formatSyncBench(result: SyncBenchResult | null): string[] {
  if (!result) return ['sync: no PostgreSQL at 127.0.0.1:5432; sync figures skipped'];
  const c = result.concurrent;
  return [
    `sync push of 1,000 mutations (2 pushes of 500): ${ms(result.push1000Ms)}`,
    `sync initial pull of ${result.pullRows.toLocaleString('en-US')} rows (pages of 5,000): ${ms(result.pull10000Ms)}`,
    `sync: an edit on one device until another online device has it (push after ${PUSH_DEBOUNCE_MS} ms, polls every ${POLL_MS} ms), ${result.editSeen.edits} edits: ${trio(result.editSeen)}`,
    `sync: ${result.polling.clients} devices polling once every ${POLL_MS} ms while one edits, incremental pull: ${trio(result.polling.pull)}; raw SQL ${trio(result.polling.rawPull)}; p95 ratio ${(result.polling.pull.p95 / result.polling.rawPull.p95).toFixed(2)}`,
    `sync at ${c.clients} concurrent clients as fast as they can, incremental pull: ${trio(c.pull)}; raw SQL ${trio(c.rawPull)}; p95 ratio ${(c.pull.p95 / c.rawPull.p95).toFixed(2)}`,
    `sync at ${c.clients} concurrent clients as fast as they can, push of one change: ${trio(c.push)}; raw SQL ${trio(c.rawPush)}; p95 ratio ${(c.push.p95 / c.rawPush.p95).toFixed(2)}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of formatSyncBench(await runSyncBench())) console.log(line);
}
