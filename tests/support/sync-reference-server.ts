/**
 * The sync server's semantics in memory: what the API does in one Postgres transaction per push,
 * written as plainly as possible so the property tests can check devices against it. Its whole state
 * is data (`snapshot`), so a "restart" is a new instance from the last snapshot.
 */
import { applyChange, emptyRow, type SyncedRow } from '../../shared/sync/lww';
import {
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  rowKey,
} from '../../shared/sync/protocol';

export interface ServerSnapshot {
  seq: number;
  rows: Record<string, { table: string; row: SyncedRow; seq: number }>;
  lastMutation: Record<string, number>;
  /** "device/mutation id" of every mutation applied, in order: each must appear once. */
  applied: string[];
}

export class ReferenceSyncServer {
  private state: ServerSnapshot;

  constructor(snapshot?: ServerSnapshot) {
    this.state = snapshot ? structuredClone(snapshot) : { seq: 0, rows: {}, lastMutation: {}, applied: [] };
  }

  snapshot(): ServerSnapshot {
    return structuredClone(this.state);
  }

  push(request: PushRequest): PushResponse {
    let last = this.state.lastMutation[request.deviceId] ?? 0;
    for (const mutation of request.mutations) {
      if (mutation.id <= last) continue;
      // A gap means an earlier push was lost: stop here, the device sends the missing ones again.
      if (mutation.id !== last + 1) break;
      const { table, id } = mutation.change;
      const key = rowKey(table, id);
      const current = this.state.rows[key]?.row ?? emptyRow(id);
      const next = applyChange(current, mutation.change);
      if (next !== current) this.state.rows[key] = { table, row: next, seq: ++this.state.seq };
      this.state.applied.push(`${request.deviceId}/${mutation.id}`);
      last = mutation.id;
    }
    this.state.lastMutation[request.deviceId] = last;
    return { lastMutationId: last };
  }

  pull(request: PullRequest): PullResponse {
    const rows = Object.values(this.state.rows)
      .filter((entry) => entry.seq > request.cursor)
      .sort((a, b) => a.seq - b.seq)
      .map(({ table, row }) => ({ table, row: structuredClone(row) }));
    return {
      cursor: this.state.seq,
      rows,
      lastMutationId: this.state.lastMutation[request.deviceId] ?? 0,
    };
  }

  applied(): readonly string[] {
    return this.state.applied;
  }

  rows(): Record<string, SyncedRow> {
    return Object.fromEntries(Object.entries(this.state.rows).map(([key, entry]) => [key, entry.row]));
  }
}
