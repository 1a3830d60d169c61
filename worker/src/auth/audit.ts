import type { Database } from '../db/database';
import { type AuditEvent, auditLog } from '../db/schema';

export interface AuditEntry {
  userId: string | null;
  deviceId?: string | null;
  event: AuditEvent;
  ip?: string | null;
}

/** An address Postgres' inet accepts, or nothing: a spoofed header must not fail the request. */
function inetOrNull(ip: string | null | undefined): string | null {
  if (ip === null || ip === undefined) return null;
  if (/^[0-9.]{7,15}$/.test(ip) || /^[0-9a-f:.]{2,45}$/i.test(ip)) return ip;
  return null;
}

/** One row per account event: who, which device, from where, when. Never mail content. */
export async function audit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId,
    deviceId: entry.deviceId ?? null,
    event: entry.event,
    ip: inetOrNull(entry.ip),
  });
}
