/**
 * Three devices edit the same rows online and offline while the network drops, duplicates, delays
 * and reorders their pushes and pulls, and the server and the devices restart. However it went, once
 * the network heals every device holds exactly the server's rows, and each field holds the write
 * with the greatest clock: nothing written is lost, nothing diverges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HybridClock } from '../../shared/sync/hlc';
import { applyChange, emptyRow, mergeRows } from '../../shared/sync/lww';
import { ReferenceSyncServer } from '../support/sync-reference-server';
import { expectConverged, type SyncServer, scenarioArb, simulate } from '../support/sync-simulation';

const SEEDS = 200;

function reference(snapshot?: ReturnType<ReferenceSyncServer['snapshot']>): SyncServer {
  const server = new ReferenceSyncServer(snapshot);
  return {
    push: async (request) => server.push(request),
    pull: async (request) => server.pull(request),
    restart: async () => reference(server.snapshot()),
    rows: async () => server.rows(),
    applied: async () => server.applied(),
  };
}

describe('sync converges', () => {
  it(`every device equals the server and keeps the newest write of every field (${SEEDS} seeds)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ([ops, skews]) => {
        await expectConverged(await simulate(ops, skews, async () => reference()));
      }),
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
