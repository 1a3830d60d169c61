/**
 * The three Dexie tables behind sync, and the one way to write to them. A local write calls
 * `recordWrite` inside the same read-write transaction as the row it changes: the row, its per-field
 * clocks and the outbox entry commit together or not at all, so a service worker killed at any point
 * leaves either the old state or the new one with its mutation queued, never a change the server
 * will not hear about.
 */
import type { Table, Transaction } from 'dexie';
import { HybridClock } from '../../../shared/sync/hlc';
import { applyChange, emptyRow, type JsonValue, type SyncedRow } from '../../../shared/sync/lww';
import { type Mutation, rowKey, type SyncedTable } from '../../../shared/sync/protocol';

export type OutboxEntry = Mutation;

export interface StoredSyncRow extends SyncedRow {
  /** rowKey(table, id). */
  key: string;
  table: SyncedTable;
}

export interface SyncMeta {
  key: 'state';
  /** This install's clock node: the tie-break between two writes in the same millisecond. */
  node: string;
  /** The next mutation id; only ever grows (renumbered from 1 when the server's device changes). */
  nextMutationId: number;
  /** The server's change sequence this device has pulled up to. */
  cursor: number;
  /** The newest clock issued or seen, so a restarted worker never issues an older one. */
  clock: string;
  /** The server device these mutation ids and this cursor belong to (Session.deviceId). */
  deviceId?: string;
  /** Epoch ms of the last complete push and pull. */
  lastSyncedAt?: number;
}

export const SYNC_STORES = ['outbox', 'syncRows', 'syncMeta'] as const;

export interface SyncTables {
  outbox: Table<OutboxEntry, number>;
  syncRows: Table<StoredSyncRow, string>;
  syncMeta: Table<SyncMeta, string>;
}

function newNode(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export async function readMeta(tables: SyncTables): Promise<SyncMeta> {
  return (
    (await tables.syncMeta.get('state')) ?? {
      key: 'state',
      node: newNode(),
      nextMutationId: 1,
      cursor: 0,
      clock: '',
    }
  );
}

/** JSON-safe copy: `undefined` fields dropped, as IndexedDB and the API would. */
function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

/**
 * The fields that differ between two versions of a row, as one change: a new row sends every field
 * and `deleted: false`, a removed field is sent as null, a deleted row is the tombstone alone.
 */
export function diffRow(before: object | undefined, after: object | undefined): Record<string, JsonValue> {
  if (!after) return before ? { deleted: true } : {};
  const set: Record<string, JsonValue> = {};
  const old = (before ?? {}) as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  for (const [field, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (JSON.stringify(old[field]) !== JSON.stringify(value)) set[field] = toJson(value);
  }
  for (const [field, value] of Object.entries(old))
    if (value !== undefined && next[field] === undefined) set[field] = null;
  if (!before) set.deleted = false;
  return set;
}

/**
 * Stamps `set` with a fresh clock, merges it into the row's synced state and queues it. Call inside
 * a read-write transaction that includes SYNC_STORES. Returns false when there was nothing to record.
 */
export async function recordChange(
  tables: SyncTables,
  table: SyncedTable,
  id: string,
  set: Record<string, JsonValue>,
  wall: () => number = Date.now,
): Promise<boolean> {
  if (Object.keys(set).length === 0) return false;
  const meta = await readMeta(tables);
  const clock = new HybridClock(meta.node, wall, meta.clock || undefined);
  const hlc = clock.now();
  const mutation: OutboxEntry = { id: meta.nextMutationId, change: { table, id, set, hlc } };
  const key = rowKey(table, id);
  const stored = await tables.syncRows.get(key);
  const merged = applyChange(stored ?? emptyRow(id), mutation.change);
  await tables.outbox.add(mutation);
  await tables.syncRows.put({ key, table, id, values: merged.values, versions: merged.versions });
  await tables.syncMeta.put({ ...meta, nextMutationId: meta.nextMutationId + 1, clock: hlc });
  return true;
}

/** `recordChange` of the difference between two versions of a local row. */
export async function recordWrite(
  tables: SyncTables,
  table: SyncedTable,
  id: string,
  before: object | undefined,
  after: object | undefined,
  wall: () => number = Date.now,
): Promise<boolean> {
  return recordChange(tables, table, id, diffRow(before, after), wall);
}

function tablesOf(tx: Transaction): SyncTables {
  return {
    outbox: tx.table('outbox'),
    syncRows: tx.table('syncRows'),
    syncMeta: tx.table('syncMeta'),
  };
}

/** The version 4 upgrade: every task, rule and preparation already on the device becomes a mutation. */
export async function seedOutbox(tx: Transaction): Promise<void> {
  const tables = tablesOf(tx);
  const sources: { table: SyncedTable; store: string; key: string }[] = [
    { table: 'tasks', store: 'tasks', key: 'id' },
    { table: 'rules', store: 'rules', key: 'id' },
    { table: 'prep', store: 'prep', key: 'eventId' },
  ];
  for (const { table, store, key } of sources) {
    const rows = (await tx.table(store).toArray()) as Record<string, unknown>[];
    for (const row of rows) await recordWrite(tables, table, String(row[key]), undefined, row);
  }
}
