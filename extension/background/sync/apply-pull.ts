/**
 * Merges what the API sent into Dexie. Each pulled row is merged field by field with the device's own
 * synced state (last writer by clock, so a local edit newer than the server's copy survives even
 * while it waits in the outbox), and the merged row is written back to its table, all in one
 * transaction with the new cursor: a worker killed half-way pulls the same page again next time.
 */

import { type EventPrep, PREP_STATUSES, TASK_STATUSES, type Task } from '../../../shared/day/model';
import { LearnedRule } from '../../../shared/schemas';
import { HybridClock } from '../../../shared/sync/hlc';
import { emptyRow, type JsonValue, mergeRows, type SyncedRow } from '../../../shared/sync/lww';
import { rowKey, SYNCED_TABLES, type SyncedTable } from '../../../shared/sync/protocol';
import type { PullResponseBody } from '../../../shared/sync/schemas';
import type { BrodyDatabase } from '../db';
import { readMeta, SYNC_STORES } from './sync-tables';

export interface AppliedPull {
  /** Tables whose local rows changed. */
  tables: Set<SyncedTable>;
  /** Synced settings whose merged value changed: name → value. */
  settings: Map<string, JsonValue>;
}

/** The row's own fields: `deleted` and nulls (removed fields) dropped. */
function fieldsOf(row: SyncedRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row.values))
    if (name !== 'deleted' && value !== null) fields[name] = value;
  return fields;
}

function asTask(id: string, fields: Record<string, unknown>): Task | null {
  const task = { ...fields, id } as Partial<Task>;
  const ok =
    typeof task.title === 'string' &&
    typeof task.order === 'number' &&
    (TASK_STATUSES as readonly unknown[]).includes(task.status) &&
    typeof task.source === 'object' &&
    task.source !== null &&
    Array.isArray(task.people ?? []);
  return ok ? ({ notes: '', people: [], ...task } as Task) : null;
}

function asPrep(id: string, fields: Record<string, unknown>): EventPrep | null {
  const prep = { ...fields, eventId: id } as Partial<EventPrep>;
  const ok =
    (PREP_STATUSES as readonly unknown[]).includes(prep.status) &&
    Array.isArray(prep.checklist) &&
    typeof prep.updatedAt === 'number';
  return ok ? (prep as EventPrep) : null;
}

async function project(
  db: BrodyDatabase,
  table: SyncedTable,
  row: SyncedRow,
  applied: AppliedPull,
): Promise<void> {
  const deleted = row.values.deleted === true;
  const fields = fieldsOf(row);
  switch (table) {
    case 'tasks': {
      const task = deleted ? null : asTask(row.id, fields);
      if (deleted) await db.tasks.delete(row.id);
      else if (task) await db.tasks.put(task);
      break;
    }
    case 'rules': {
      const rule = deleted ? null : LearnedRule.safeParse({ ...fields, id: row.id });
      if (deleted) await db.rules.delete(row.id);
      else if (rule?.success) await db.rules.put(rule.data);
      break;
    }
    case 'prep': {
      const prep = deleted ? null : asPrep(row.id, fields);
      if (deleted) await db.prep.delete(row.id);
      else if (prep) await db.prep.put(prep);
      break;
    }
    case 'settings':
      if (row.values.value !== undefined) applied.settings.set(row.id, row.values.value);
      break;
  }
  applied.tables.add(table);
}

export async function applyPull(
  db: BrodyDatabase,
  pull: PullResponseBody,
  wall: () => number = Date.now,
): Promise<AppliedPull> {
  const applied: AppliedPull = { tables: new Set(), settings: new Map() };
  await db.transaction('rw', ['tasks', 'rules', 'prep', ...SYNC_STORES], async () => {
    const meta = await readMeta(db);
    const clock = new HybridClock(meta.node, wall, meta.clock || undefined);
    for (const { table, row } of pull.rows) {
      if (!(SYNCED_TABLES as readonly string[]).includes(table)) continue;
      const kind = table as SyncedTable;
      const remote = row as SyncedRow;
      for (const version of Object.values(remote.versions)) {
        try {
          clock.receive(version);
        } catch {
          // A clock from a device whose wall clock is broken still merges; it just doesn't drag ours.
        }
      }
      const key = rowKey(kind, remote.id);
      const stored = await db.syncRows.get(key);
      const current: SyncedRow = stored ?? emptyRow(remote.id);
      const merged = mergeRows(current, remote);
      if (merged === current) continue;
      await db.syncRows.put({
        key,
        table: kind,
        id: remote.id,
        values: merged.values,
        versions: merged.versions,
      });
      await project(db, kind, merged, applied);
    }
    // The pull also says how far the server got with this device's pushes.
    await db.outbox.where('id').belowOrEqual(pull.lastMutationId).delete();
    await db.syncMeta.put({
      ...meta,
      cursor: Math.max(meta.cursor, pull.cursor),
      clock: clock.current(),
    });
  });
  return applied;
}
