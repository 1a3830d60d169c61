/**
 * Rows that converge: each field carries the clock of the write that set it, and a merge keeps, field
 * by field, the write with the greater clock (ties cannot happen: the clock ends in the device id).
 * The merge is commutative, associative and idempotent, so devices that have seen the same writes
 * hold the same row whatever order, duplicates or retries those writes arrived in. `deleted` is a
 * field like any other, so a delete is a tombstone that an older edit cannot undo and a newer
 * restore can.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SyncedRow {
  id: string;
  values: Record<string, JsonValue>;
  /** Clock of the write behind each field in `values`. */
  versions: Record<string, string>;
}

/** One device's edit of one row: the fields it set, all stamped with one clock. */
export interface RowChange {
  table: string;
  id: string;
  set: Record<string, JsonValue>;
  hlc: string;
}

export function emptyRow(id: string): SyncedRow {
  return { id, values: {}, versions: {} };
}

/** The newest clock in the row: its `updated_at`. */
export function rowVersion(row: SyncedRow): string {
  let newest = '';
  for (const version of Object.values(row.versions)) if (version > newest) newest = version;
  return newest;
}

/** Applies a change to a row; returns the row unchanged (same object) when the change adds nothing. */
export function applyChange(row: SyncedRow, change: Pick<RowChange, 'set' | 'hlc'>): SyncedRow {
  let next: SyncedRow | undefined;
  for (const [field, value] of Object.entries(change.set)) {
    const current = row.versions[field];
    if (current !== undefined && current >= change.hlc) continue;
    next ??= { id: row.id, values: { ...row.values }, versions: { ...row.versions } };
    next.values[field] = value;
    next.versions[field] = change.hlc;
  }
  return next ?? row;
}

/** Merges two copies of one row field by field. */
export function mergeRows(a: SyncedRow, b: SyncedRow): SyncedRow {
  let merged = a;
  for (const [field, version] of Object.entries(b.versions)) {
    const value = b.values[field];
    if (value === undefined) continue;
    merged = applyChange(merged, { set: { [field]: value }, hlc: version });
  }
  return merged;
}

export function isDeleted(row: SyncedRow): boolean {
  return row.values.deleted === true;
}
