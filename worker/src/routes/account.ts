/**
 * The signed-in user's account: who they are and which devices are signed in, signing a device out,
 * everything held about them as one download, and deleting it all.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  type AccountExport,
  type AccountView,
  AUTH_PATHS,
  DeleteAccountRequestSchema,
} from '../../../shared/auth/contract';
import { audit } from '../auth/audit';
import { revokeDevice } from '../auth/sessions';
import type { Database } from '../db/database';
import { auditLog, devices, SCOPED_TABLES, users } from '../db/schema';
import { ApiFailure } from '../http/api-failure';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';

async function accountOf(db: Database, userId: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  if (user === undefined) throw new ApiFailure('unauthorized', 'This account no longer exists');
  const signedIn = await db
    .select()
    .from(devices)
    .where(and(eq(devices.userId, userId), isNull(devices.revokedAt)))
    .orderBy(asc(devices.createdAt));
  return { user, devices: signedIn };
}

/** A device as the account view and the export show it. */
function deviceView(device: typeof devices.$inferSelect) {
  return {
    id: device.id,
    name: device.name,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
  };
}

export function accountRoutes() {
  return new Hono<AppEnv>()
    .get(AUTH_PATHS.account, async (c) => {
      const { user, devices: signedIn } = await accountOf(c.var.db, c.var.user.id);
      const view: AccountView = {
        user,
        devices: signedIn.map((device) => ({
          ...deviceView(device),
          current: device.id === c.var.user.deviceId,
        })),
      };
      return c.json(view, 200);
    })
    .delete(`${AUTH_PATHS.devices}/:id`, async (c) => {
      const deviceId = c.req.param('id');
      const [device] = await c.var.db
        .select({ id: devices.id })
        .from(devices)
        .where(and(eq(devices.id, deviceId), eq(devices.userId, c.var.user.id), isNull(devices.revokedAt)));
      if (device === undefined) throw new ApiFailure('not_found', 'No such device');
      await revokeDevice(c.var.db, c.var.user.id, deviceId);
      await audit(c.var.db, { userId: c.var.user.id, deviceId, event: 'device_removed', ip: c.var.clientIp });
      return c.body(null, 204);
    })
    .post(AUTH_PATHS.signOut, async (c) => {
      await revokeDevice(c.var.db, c.var.user.id, c.var.user.deviceId);
      await audit(c.var.db, {
        userId: c.var.user.id,
        deviceId: c.var.user.deviceId,
        event: 'sign_out',
        ip: c.var.clientIp,
      });
      return c.body(null, 204);
    })
    .get(AUTH_PATHS.export, async (c) => {
      const userId = c.var.user.id;
      const { user, devices: signedIn } = await accountOf(c.var.db, userId);
      const tables: AccountExport['tables'] = {};
      for (const table of SCOPED_TABLES) {
        const result = await c.var.db.execute(
          sql`select * from ${sql.identifier(table)} where user_id = ${userId} order by 1, 2`,
        );
        tables[table] = rowsOf(result);
      }
      tables.audit_log = await c.var.db
        .select({ event: auditLog.event, deviceId: auditLog.deviceId, ip: auditLog.ip, at: auditLog.at })
        .from(auditLog)
        .where(eq(auditLog.userId, userId))
        .orderBy(asc(auditLog.at));
      await audit(c.var.db, { userId, deviceId: c.var.user.deviceId, event: 'export', ip: c.var.clientIp });
      const document: AccountExport = {
        exportedAt: new Date().toISOString(),
        user,
        devices: signedIn.map(deviceView),
        tables,
      };
      c.header(
        'Content-Disposition',
        `attachment; filename="brody-export-${document.exportedAt.slice(0, 10)}.json"`,
      );
      return c.json(document, 200);
    })
    .delete(AUTH_PATHS.account, validate('json', DeleteAccountRequestSchema), async (c) => {
      const userId = c.var.user.id;
      // Every table holding the user's data references users with ON DELETE CASCADE. The account's
      // audit rows go too; the one saying an account was deleted names no user.
      await c.var.db.delete(users).where(eq(users.id, userId));
      await c.var.db.delete(auditLog).where(eq(auditLog.userId, userId));
      await audit(c.var.db, { userId: null, event: 'delete', ip: c.var.clientIp });
      return c.body(null, 204);
    });
}

/** node-postgres and Neon answer `{ rows }`, PGlite too; neon-http answers the rows themselves. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
