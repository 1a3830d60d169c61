/**
 * Three devices against one sync server, through a network that drops, duplicates, delays and
 * reorders, with server and device restarts: the scenario every sync test runs, against the reference
 * model in memory and against the real API on a real database.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type ClientState, newClientState, SyncClient } from '../../shared/sync/client';
import type { JsonValue, SyncedRow } from '../../shared/sync/lww';
import {
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  rowKey,
} from '../../shared/sync/protocol';

export interface SyncServer {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse & { more?: boolean }>;
  /** The same stored state behind a new process. */
  restart(): Promise<SyncServer>;
  rows(): Promise<Record<string, SyncedRow>>;
  /** "device/mutation id" of every mutation applied, if the server can tell. */
  applied?(): Promise<readonly string[]>;
}

const DEVICES = ['laptop', 'desktop', 'phone'] as const;
const TABLES = ['tasks', 'prep'] as const;
const IDS = ['a', 'b', 'c'] as const;
const FIELDS = ['title', 'status', 'order', 'deleted'] as const;

export type Op =
  | { kind: 'edit'; device: number; table: number; id: number; field: number; value: JsonValue }
  | { kind: 'tick'; device: number; ms: number }
  | { kind: 'push'; device: number; fault: 'none' | 'drop-request' | 'drop-response' | 'duplicate' | 'delay' }
  | { kind: 'deliver'; index: number }
  | { kind: 'pull'; device: number; fault: 'none' | 'drop-response' }
  | { kind: 'restart-server' }
  | { kind: 'restart-device'; device: number };

const deviceArb = fc.integer({ min: 0, max: DEVICES.length - 1 });
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device: deviceArb,
      table: fc.integer({ min: 0, max: TABLES.length - 1 }),
      id: fc.integer({ min: 0, max: IDS.length - 1 }),
      field: fc.integer({ min: 0, max: FIELDS.length - 1 }),
      value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.boolean()),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      device: deviceArb,
      ms: fc.integer({ min: 0, max: 50 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device: deviceArb,
      fault: fc.constantFrom('none', 'drop-request', 'drop-response', 'duplicate', 'delay'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver' as const), index: fc.nat(10) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device: deviceArb,
      fault: fc.constantFrom('none', 'drop-response'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart-server' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-device' as const), device: deviceArb }) },
);

export interface Written {
  key: string;
  field: string;
  value: JsonValue;
  hlc: string;
}

export async function simulate(ops: Op[], skews: number[], connect: () => Promise<SyncServer>) {
  let server = await connect();
  const walls = DEVICES.map((_, i) => 1_700_000_000_000 + (skews[i] ?? 0));
  const states: ClientState[] = DEVICES.map((name) => newClientState(name));
  let clients = states.map((state, i) => new SyncClient(state, () => walls[i] as number));
  const delayed: PushRequest[] = [];
  const written: Written[] = [];

  const push = async (i: number, fault: string) => {
    const client = clients[i] as SyncClient;
    const request = client.nextPush(4);
    if (!request) return;
    const sent = structuredClone(request);
    if (fault === 'drop-request') return;
    if (fault === 'delay') {
      delayed.push(sent);
      return;
    }
    const answer = await server.push(sent);
    if (fault === 'duplicate') await server.push(structuredClone(sent));
    if (fault !== 'drop-response') client.acknowledge(answer.lastMutationId);
  };

  for (const op of ops) {
    switch (op.kind) {
      case 'edit': {
        const table = TABLES[op.table] as string;
        const id = IDS[op.id] as string;
        const field = FIELDS[op.field] as string;
        const m = (clients[op.device] as SyncClient).edit(table, id, { [field]: op.value });
        written.push({ key: rowKey(table, id), field, value: op.value, hlc: m.change.hlc });
        break;
      }
      case 'tick':
        walls[op.device] = (walls[op.device] as number) + op.ms;
        break;
      case 'push':
        await push(op.device, op.fault);
        break;
      case 'deliver': {
        if (delayed.length === 0) break;
        const [request] = delayed.splice(op.index % delayed.length, 1);
        if (request) await server.push(request);
        break;
      }
      case 'pull': {
        const client = clients[op.device] as SyncClient;
        const answer = await server.pull({ deviceId: client.state.deviceId, cursor: client.state.cursor });
        if (op.fault === 'none') client.applyPull(structuredClone(answer));
        break;
      }
      case 'restart-server':
        server = await server.restart();
        break;
      case 'restart-device': {
        // The state is what IndexedDB kept; the clock and the outbox come back from it.
        const kept = structuredClone((clients[op.device] as SyncClient).state);
        clients = clients.map((c, i) =>
          i === op.device ? new SyncClient(kept, () => walls[i] as number) : c,
        );
        break;
      }
    }
  }

  // The network heals: late pushes land, every device flushes its outbox, then everyone pulls.
  for (const request of delayed) await server.push(request);
  for (let i = 0; i < clients.length; i++) {
    for (let guard = 0; guard < 1_000 && (clients[i] as SyncClient).nextPush(); guard++)
      await push(i, 'none');
  }
  for (const client of clients) {
    for (let more = true, guard = 0; more && guard < 100; guard++) {
      const answer = await server.pull({ deviceId: client.state.deviceId, cursor: client.state.cursor });
      client.applyPull(answer);
      more = answer.more === true;
    }
  }
  return { server, clients, written };
}

/** The outcome every run must have: all equal, newest write of every field kept, each mutation once. */
export async function expectConverged(result: Awaited<ReturnType<typeof simulate>>): Promise<void> {
  const { server, clients, written } = result;
  const rows = await server.rows();
  for (const client of clients) {
    expect(client.state.outbox).toEqual([]);
    const local = Object.fromEntries(Object.entries(client.state.rows).map(([k, v]) => [k, v.row]));
    expect(local).toEqual(rows);
  }
  const newest = new Map<string, Written>();
  for (const w of written) {
    const k = `${w.key}/${w.field}`;
    const seen = newest.get(k);
    if (!seen || w.hlc > seen.hlc) newest.set(k, w);
  }
  for (const w of newest.values()) {
    expect(rows[w.key]?.values[w.field]).toEqual(w.value);
    expect(rows[w.key]?.versions[w.field]).toBe(w.hlc);
  }
  expect(new Set(written.map((w) => w.hlc)).size).toBe(written.length);
  if (server.applied) {
    const applied = await server.applied();
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied.length).toBe(written.length);
  }
}

export const scenarioArb = fc.tuple(
  fc.array(opArb, { minLength: 1, maxLength: 120 }),
  fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 3, maxLength: 3 }),
);
