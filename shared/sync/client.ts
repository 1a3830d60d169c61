/**
 * A device's side of sync: edits land in its own rows and its outbox at once (so the UI never waits
 * for the network), pushes send the outbox in order, and pulls merge what other devices wrote. The
 * state is a plain object so the background can keep it in IndexedDB and a restarted service worker
 * picks up where the last one stopped.
 */
import { HybridClock } from './hlc';
import { applyChange, emptyRow, type JsonValue, mergeRows, type SyncedRow } from './lww';
import { type Mutation, type PullResponse, type PushRequest, rowKey } from './protocol';

export interface ClientState {
  deviceId: string;
  rows: Record<string, { table: string; row: SyncedRow }>;
  outbox: Mutation[];
  nextMutationId: number;
  cursor: number;
  /** The newest clock this device produced or saw, so a restart never issues an older one. */
  clock: string;
}

export function newClientState(deviceId: string): ClientState {
  return { deviceId, rows: {}, outbox: [], nextMutationId: 1, cursor: 0, clock: '' };
}

export class SyncClient {
  private readonly clock: HybridClock;

  constructor(
    readonly state: ClientState,
    wall: () => number = Date.now,
  ) {
    this.clock = new HybridClock(state.deviceId, wall, state.clock || undefined);
  }

  edit(table: string, id: string, set: Record<string, JsonValue>): Mutation {
    const hlc = this.clock.now();
    this.state.clock = hlc;
    const mutation: Mutation = { id: this.state.nextMutationId++, change: { table, id, set, hlc } };
    this.state.outbox.push(mutation);
    this.merge(table, applyChange(this.current(table, id), mutation.change));
    return mutation;
  }

  row(table: string, id: string): SyncedRow | undefined {
    return this.state.rows[rowKey(table, id)]?.row;
  }

  /** The next push: the oldest `max` mutations not yet acknowledged, or null when there are none. */
  nextPush(max = 100): PushRequest | null {
    if (this.state.outbox.length === 0) return null;
    return { deviceId: this.state.deviceId, mutations: this.state.outbox.slice(0, max) };
  }

  acknowledge(lastMutationId: number): void {
    this.state.outbox = this.state.outbox.filter((m) => m.id > lastMutationId);
  }

  applyPull(pull: PullResponse): void {
    for (const { table, row } of pull.rows) {
      for (const version of Object.values(row.versions)) {
        try {
          this.clock.receive(version);
        } catch {
          // A clock from a device whose wall clock is broken still merges; it just doesn't drag ours.
        }
      }
      this.merge(table, mergeRows(this.current(table, row.id), row));
    }
    this.state.clock = this.clock.current();
    if (pull.cursor > this.state.cursor) this.state.cursor = pull.cursor;
    this.acknowledge(pull.lastMutationId);
  }

  private current(table: string, id: string): SyncedRow {
    return this.state.rows[rowKey(table, id)]?.row ?? emptyRow(id);
  }

  private merge(table: string, row: SyncedRow): void {
    this.state.rows[rowKey(table, row.id)] = { table, row };
  }
}
