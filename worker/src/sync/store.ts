/**
 * Push and pull on Postgres, with the semantics of tests/support/sync-reference-server.ts: a push
 * applies each device's mutations once and in order inside one transaction, and a pull returns every
 * row changed since the device's cursor. Every statement is scoped to the user.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import { decodeHlc, MAX_DRIFT_MS } from '../../../shared/sync/hlc';
import {
  applyChange,
  emptyRow,
  type JsonValue,
  type RowChange,
  type SyncedRow,
} from '../../../shared/sync/lww';
import { rowKey } from '../../../shared/sync/protocol';
import {
  MutationSchema,
  type PullResponseBody,
  type PushResponseBody,
  SYNC_LIMITS,
} from '../../../shared/sync/schemas';
import type { Database } from '../db/database';
import { syncDevices, syncRows, syncVersions } from '../db/schema';
import { describeIssues } from '../http/validate';

export interface PushInput {
  deviceId: string;
  mutations: { id: number; change: unknown }[];
}

type Checked = { id: number; change: RowChange } | { id: number; reason: string };

function check(mutation: { id: number; change: unknown }, nowMs: number): Checked {
  const parsed = MutationSchema.safeParse(mutation);
  if (!parsed.success) return { id: mutation.id, reason: describeIssues(parsed.error.issues) };
  const { change } = parsed.data;
  // A clock far in the future would win every later conflict: refuse it rather than let it.
  if (decodeHlc(change.hlc).ms > nowMs + MAX_DRIFT_MS)
    return { id: mutation.id, reason: 'clock is too far ahead' };
  return { id: mutation.id, change: change as RowChange };
}

export async function applyPush(
  db: Database,
  userId: string,
  push: PushInput,
  nowMs = Date.now(),
): Promise<PushResponseBody> {
  return db.transaction(async (tx) => {
    await tx.insert(syncVersions).values({ userId, seq: 0 }).onConflictDoNothing();
    // This lock orders the user's pushes, so change sequence numbers commit in order.
    const [version] = await tx
      .select()
      .from(syncVersions)
      .where(eq(syncVersions.userId, userId))
      .for('update');
    await tx.insert(syncDevices).values({ userId, deviceId: push.deviceId }).onConflictDoNothing();
    const [device] = await tx
      .select()
      .from(syncDevices)
      .where(and(eq(syncDevices.userId, userId), eq(syncDevices.deviceId, push.deviceId)))
      .for('update');
    let last = device?.lastMutationId ?? 0;
    let seq = version?.seq ?? 0;

    const pending: Checked[] = [];
    for (const mutation of [...push.mutations].sort((a, b) => a.id - b.id)) {
      if (mutation.id <= last) continue;
      // A gap means an earlier push never arrived: the device sends the missing ones again.
      if (mutation.id !== last + pending.length + 1) break;
      pending.push(check(mutation, nowMs));
    }
    const rejected: { id: number; reason: string }[] = [];
    if (pending.length === 0) return { lastMutationId: last, rejected };

    const keys = new Map<string, { kind: string; rowId: string }>();
    for (const item of pending) {
      if ('change' in item)
        keys.set(rowKey(item.change.table, item.change.id), {
          kind: item.change.table,
          rowId: item.change.id,
        });
    }
    const rows = new Map<string, SyncedRow>();
    if (keys.size > 0) {
      const tuples = sql.join(
        [...keys.values()].map((k) => sql`(${k.kind}, ${k.rowId})`),
        sql`, `,
      );
      const stored = await tx
        .select()
        .from(syncRows)
        .where(and(eq(syncRows.userId, userId), sql`(${syncRows.kind}, ${syncRows.rowId}) in (${tuples})`))
        .for('update');
      for (const row of stored) {
        rows.set(rowKey(row.kind, row.rowId), {
          id: row.rowId,
          values: row.values as Record<string, JsonValue>,
          versions: row.versions,
        });
      }
    }

    const changed = new Map<string, { kind: string; row: SyncedRow; seq: number }>();
    for (const item of pending) {
      last = item.id;
      if (!('change' in item)) {
        rejected.push(item);
        continue;
      }
      const key = rowKey(item.change.table, item.change.id);
      const current = rows.get(key) ?? emptyRow(item.change.id);
      const next = applyChange(current, item.change);
      if (next === current) continue;
      rows.set(key, next);
      changed.set(key, { kind: item.change.table, row: next, seq: ++seq });
    }

    if (changed.size > 0) {
      await tx
        .insert(syncRows)
        .values(
          [...changed.values()].map(({ kind, row, seq: rowSeq }) => ({
            userId,
            kind,
            rowId: row.id,
            values: row.values,
            versions: row.versions,
            seq: rowSeq,
          })),
        )
        .onConflictDoUpdate({
          target: [syncRows.userId, syncRows.kind, syncRows.rowId],
          set: {
            values: sql`excluded.values`,
            versions: sql`excluded.versions`,
            seq: sql`excluded.seq`,
          },
        });
      await tx.update(syncVersions).set({ seq }).where(eq(syncVersions.userId, userId));
    }
    await tx
      .update(syncDevices)
      .set({ lastMutationId: last, updatedAt: new Date(nowMs) })
      .where(and(eq(syncDevices.userId, userId), eq(syncDevices.deviceId, push.deviceId)));
    return { lastMutationId: last, rejected };
  });
}

export async function pullChanges(
  db: Database,
  userId: string,
  deviceId: string,
  cursor: number,
  limit: number = SYNC_LIMITS.rowsPerPull,
): Promise<PullResponseBody> {
  // The sequence first: rows up to it are committed (pushes commit rows and sequence together).
  // One round trip for both heads: a poll that finds nothing new costs one query.
  const [heads] = await db
    .select({
      upTo: sql<number | string | null>`(${db
        .select({ seq: syncVersions.seq })
        .from(syncVersions)
        .where(eq(syncVersions.userId, userId))})`,
      last: sql<number | string | null>`(${db
        .select({ last: syncDevices.lastMutationId })
        .from(syncDevices)
        .where(and(eq(syncDevices.userId, userId), eq(syncDevices.deviceId, deviceId)))})`,
    })
    .from(sql`(select 1) as one`);
  const upTo = Number(heads?.upTo ?? 0);
  const lastMutationId = Number(heads?.last ?? 0);
  if (cursor >= upTo) return { cursor: Math.max(cursor, upTo), rows: [], lastMutationId, more: false };
  const rows = await db
    .select({
      kind: syncRows.kind,
      rowId: syncRows.rowId,
      values: syncRows.values,
      versions: syncRows.versions,
      seq: syncRows.seq,
    })
    .from(syncRows)
    .where(and(eq(syncRows.userId, userId), gt(syncRows.seq, cursor), lte(syncRows.seq, upTo)))
    .orderBy(asc(syncRows.seq))
    .limit(limit);
  const more = rows.length === limit && (rows[rows.length - 1]?.seq ?? upTo) < upTo;
  return {
    cursor: more ? (rows[rows.length - 1]?.seq ?? upTo) : upTo,
    rows: rows.map((r) => ({ table: r.kind, row: { id: r.rowId, values: r.values, versions: r.versions } })),
    lastMutationId,
    more,
  };
}
