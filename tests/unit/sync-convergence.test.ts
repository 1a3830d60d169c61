/**
 * Three devices edit the same rows online and offline while the network drops, duplicates, delays
 * and reorders their pushes and pulls, and the server and the devices restart. However it went, once
 * the network heals every device holds exactly the server's rows, and each field holds the write
 * with the greatest clock: nothing written is lost, nothing diverges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClientState, newClientState, SyncClient } from '../../shared/sync/client';
import { decodeHlc, encodeHlc, HybridClock } from '../../shared/sync/hlc';
import { applyChange, emptyRow, type JsonValue, mergeRows } from '../../shared/sync/lww';
import type { PushRequest } from '../../shared/sync/protocol';
import { rowKey } from '../../shared/sync/protocol';
import { ReferenceSyncServer } from '../support/sync-reference-server';

const DEVICES = ['laptop', 'desktop', 'phone'] as const;
const TABLES = ['tasks', 'prep'] as const;
const IDS = ['a', 'b', 'c'] as const;
const FIELDS = ['title', 'status', 'order', 'deleted'] as const;

type Op =
  | { kind: 'edit'; device: number; table: number; id: number; field: number; value: JsonValue }
  | { kind: 'tick'; device: number; ms: number }
  | { kind: 'push'; device: number; fault: 'none' | 'drop-request' | 'drop-response' | 'duplicate' | 'delay' }
  | { kind: 'deliver'; index: number }
  | { kind: 'pull'; device: number; fault: 'none' | 'drop-response' }
  | { kind: 'restart-server' }
  | { kind: 'restart-device'; device: number };

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      table: fc.integer({ min: 0, max: TABLES.length - 1 }),
      id: fc.integer({ min: 0, max: IDS.length - 1 }),
      field: fc.integer({ min: 0, max: FIELDS.length - 1 }),
      value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.boolean()),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), device, ms: fc.integer({ min: 0, max: 50 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device,
      fault: fc.constantFrom('none', 'drop-request', 'drop-response', 'duplicate', 'delay'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver' as const), index: fc.nat(10) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device,
      fault: fc.constantFrom('none', 'drop-response'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart-server' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-device' as const), device }) },
);

interface Written {
  key: string;
  field: string;
  value: JsonValue;
  hlc: string;
}

function simulate(ops: Op[], skews: number[]) {
  let server = new ReferenceSyncServer();
  const walls = DEVICES.map((_, i) => 1_700_000_000_000 + (skews[i] ?? 0));
  const states: ClientState[] = DEVICES.map((name) => newClientState(name));
  let clients = states.map((state, i) => new SyncClient(state, () => walls[i] as number));
  const delayed: PushRequest[] = [];
  const written: Written[] = [];

  const push = (i: number, fault: string) => {
    const client = clients[i] as SyncClient;
    const request = client.nextPush(4);
    if (!request) return;
    const sent = structuredClone(request);
    if (fault === 'drop-request') return;
    if (fault === 'delay') {
      delayed.push(sent);
      return;
    }
    const answer = server.push(sent);
    if (fault === 'duplicate') server.push(structuredClone(sent));
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
        push(op.device, op.fault);
        break;
      case 'deliver': {
        if (delayed.length === 0) break;
        const [request] = delayed.splice(op.index % delayed.length, 1);
        if (request) server.push(request);
        break;
      }
      case 'pull': {
        const client = clients[op.device] as SyncClient;
        const answer = server.pull({ deviceId: client.state.deviceId, cursor: client.state.cursor });
        if (op.fault === 'none') client.applyPull(structuredClone(answer));
        break;
      }
      case 'restart-server':
        server = new ReferenceSyncServer(server.snapshot());
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
  for (const request of delayed) server.push(request);
  for (let i = 0; i < clients.length; i++) {
    for (let guard = 0; guard < 1_000 && (clients[i] as SyncClient).nextPush(); guard++) push(i, 'none');
  }
  for (const client of clients)
    client.applyPull(server.pull({ deviceId: client.state.deviceId, cursor: client.state.cursor }));
  return { server, clients, written };
}

const SEEDS = 200;

describe('sync converges', () => {
  it(`every device equals the server and keeps the newest write of every field (${SEEDS} seeds)`, () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 120 }),
        fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 3, maxLength: 3 }),
        (ops, skews) => {
          const { server, clients, written } = simulate(ops, skews);
          const rows = server.rows();
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
          // Exactly once: every mutation every device made was applied, none twice, in order.
          const applied = server.applied();
          expect(new Set(applied).size).toBe(applied.length);
          expect(applied.length).toBe(written.length);
        },
      ),
      { numRuns: SEEDS, seed: 20261201 },
    );
  });
});

describe('hybrid logical clock', () => {
  it('orders as strings exactly as (ms, counter, device) and never goes backwards', () => {
    let wall = 5_000;
    const clock = new HybridClock('laptop', () => wall);
    const a = clock.now();
    wall = 4_000; // the wall clock steps back (NTP, a manual change)
    const b = clock.now();
    expect(b > a).toBe(true);
    clock.receive(encodeHlc({ ms: 9_000, counter: 7, node: 'phone' }));
    const c = clock.now();
    expect(decodeHlc(c)).toEqual({ ms: 9_000, counter: 9, node: 'laptop' });
    expect(encodeHlc({ ms: 1, counter: 0, node: 'b' }) > encodeHlc({ ms: 1, counter: 0, node: 'a' })).toBe(
      true,
    );
    expect(encodeHlc({ ms: 10, counter: 0, node: 'a' }) > encodeHlc({ ms: 9, counter: 99, node: 'z' })).toBe(
      true,
    );
  });

  it('refuses a remote clock a day ahead of the wall clock and malformed clocks', () => {
    const clock = new HybridClock('laptop', () => 1_000);
    expect(() => clock.receive(encodeHlc({ ms: 1_000 + 25 * 3_600_000, counter: 0, node: 'x' }))).toThrow(
      /too far/,
    );
    expect(() => decodeHlc('12-3-x')).toThrow();
    expect(() => new HybridClock('bad id!')).toThrow();
  });

  it('resumes after a restart from the persisted clock', () => {
    const first = new HybridClock('laptop', () => 100);
    first.now();
    const last = first.now();
    const again = new HybridClock('laptop', () => 50, last);
    expect(again.now() > last).toBe(true);
  });
});

describe('field-by-field merge', () => {
  it('is commutative and idempotent, and a tombstone beats older edits but not a newer restore', () => {
    const t = (ms: number, node = 'a') => encodeHlc({ ms, counter: 0, node });
    const base = emptyRow('x');
    const edit = applyChange(base, { set: { title: 'Draft', status: 'pending' }, hlc: t(1) });
    const del = applyChange(base, { set: { deleted: true }, hlc: t(2, 'b') });
    const rename = applyChange(base, { set: { title: 'Final' }, hlc: t(3, 'c') });
    const ab = mergeRows(mergeRows(edit, del), rename);
    const ba = mergeRows(rename, mergeRows(del, edit));
    expect(ab).toEqual(ba);
    expect(mergeRows(ab, ab)).toEqual(ab);
    expect(ab.values).toEqual({ title: 'Final', status: 'pending', deleted: true });
    const restored = applyChange(ab, { set: { deleted: false }, hlc: t(4) });
    expect(restored.values.deleted).toBe(false);
    expect(applyChange(restored, { set: { deleted: true }, hlc: t(2, 'b') })).toBe(restored);
  });
});
