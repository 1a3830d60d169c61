/**
 * Push and pull, as both ends speak them. A device numbers its mutations 1, 2, 3…; the server
 * applies each exactly once and in order, remembering the last number it applied per device, so a
 * retried, duplicated or reordered push changes nothing twice. A pull names the server's change
 * sequence it has seen (its cursor) and gets every row changed since, tombstones included.
 */
import type { RowChange, SyncedRow } from './lww';

export interface Mutation {
  /** Per device, from 1, no gaps. */
  id: number;
  change: RowChange;
}

export interface PushRequest {
  deviceId: string;
  mutations: Mutation[];
}

export interface PushResponse {
  /** The last of this device's mutations the server has applied (0 before any). */
  lastMutationId: number;
}

export interface PullRequest {
  deviceId: string;
  /** 0 for everything. */
  cursor: number;
}

export interface PulledRow {
  table: string;
  row: SyncedRow;
}

export interface PullResponse {
  cursor: number;
  rows: PulledRow[];
  lastMutationId: number;
}

export const SYNCED_TABLES = ['tasks', 'rules', 'prep', 'settings'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}
