/**
 * Device sessions: signing a device in, rotating its refresh token, signing it out. Each step is a
 * single statement where races matter (claiming a refresh token is one conditional UPDATE), so this
 * runs on every driver, neon-http included.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import {
  ACCESS_TOKEN_SECONDS,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_SECONDS,
  type Session,
} from '../../../shared/auth/contract';
import type { Database } from '../db/database';
import { devices, pairingCodes, refreshTokens, users } from '../db/schema';
import { ApiFailure } from '../http/api-failure';
import { audit } from './audit';
import { OWNER_USER_ID } from './owner';
import { randomId, randomToken, sha256Hex, signAccessToken } from './tokens';

/** A refresh token unused this long expires; a device that comes back later signs in again. */
export const REFRESH_TOKEN_SECONDS = 60 * 24 * 60 * 60;

export interface AuthConfig {
  key: Uint8Array;
  accessTokenSeconds: number;
}

export const DEFAULT_ACCESS_TOKEN_SECONDS = ACCESS_TOKEN_SECONDS;

type UserRow = typeof users.$inferSelect;

function accountUser(user: Pick<UserRow, 'id' | 'email' | 'name'>) {
  return { id: user.id, email: user.email, name: user.name };
}

async function newRefreshToken(db: Database, userId: string, deviceId: string, nowMs: number) {
  const refreshToken = randomToken();
  await db.insert(refreshTokens).values({
    tokenHash: await sha256Hex(refreshToken),
    userId,
    deviceId,
    expiresAt: new Date(nowMs + REFRESH_TOKEN_SECONDS * 1000),
  });
  return refreshToken;
}

async function sessionFor(
  config: AuthConfig,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  deviceId: string,
  refreshToken: string,
  nowMs: number,
): Promise<Session> {
  const access = await signAccessToken(
    { userId: user.id, deviceId },
    config.key,
    config.accessTokenSeconds,
    nowMs,
  );
  return {
    accessToken: access.token,
    accessExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    user: accountUser(user),
    deviceId,
  };
}

/** A new device for `user`, its first refresh token, and an audit row. */
export async function signInDevice(
  db: Database,
  config: AuthConfig,
  user: Pick<UserRow, 'id' | 'email' | 'name'>,
  deviceName: string,
  ip: string | null,
  nowMs = Date.now(),
): Promise<Session> {
  const deviceId = randomId();
  await db
    .insert(devices)
    .values({ id: deviceId, userId: user.id, name: deviceName, lastSeenAt: new Date(nowMs) });
  const refreshToken = await newRefreshToken(db, user.id, deviceId, nowMs);
  await audit(db, { userId: user.id, deviceId, event: 'sign_in', ip });
  return sessionFor(config, user, deviceId, refreshToken, nowMs);
}

/**
 * Retires the presented refresh token and issues the next one. A token already retired means it was
 * copied: the device's whole session goes (every refresh token of it, and the device), so the newest
 * token fails too, and the answer is `session_revoked`.
 */
export async function refreshSession(
  db: Database,
  config: AuthConfig,
  presented: string,
  ip: string | null,
  nowMs = Date.now(),
): Promise<Session> {
  const tokenHash = await sha256Hex(presented);
  const [claimed] = await db
    .update(refreshTokens)
    .set({ used: true })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        eq(refreshTokens.used, false),
        gt(refreshTokens.expiresAt, new Date(nowMs)),
      ),
    )
    .returning({ userId: refreshTokens.userId, deviceId: refreshTokens.deviceId });
  if (claimed === undefined) {
    const [known] = await db
      .select({ userId: refreshTokens.userId, deviceId: refreshTokens.deviceId, used: refreshTokens.used })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash));
    if (known?.used) {
      await revokeDevice(db, known.userId, known.deviceId, nowMs);
      await audit(db, { userId: known.userId, deviceId: known.deviceId, event: 'refresh_reuse', ip });
      throw new ApiFailure('session_revoked', 'This refresh token was already used; sign in again');
    }
    throw new ApiFailure('unauthorized', 'Unknown or expired refresh token');
  }
  const [row] = await db
    .select({ user: users, revokedAt: devices.revokedAt })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .where(and(eq(devices.id, claimed.deviceId), eq(devices.userId, claimed.userId)));
  if (row === undefined || row.revokedAt !== null)
    throw new ApiFailure('session_revoked', 'This device was signed out; sign in again');
  const refreshToken = await newRefreshToken(db, claimed.userId, claimed.deviceId, nowMs);
  await db
    .update(devices)
    .set({ lastSeenAt: new Date(nowMs) })
    .where(eq(devices.id, claimed.deviceId));
  return sessionFor(config, row.user, claimed.deviceId, refreshToken, nowMs);
}

/** Signs a device out: it no longer authenticates and its refresh tokens are retired. */
export async function revokeDevice(db: Database, userId: string, deviceId: string, nowMs = Date.now()) {
  await db
    .update(devices)
    .set({ revokedAt: new Date(nowMs) })
    .where(and(eq(devices.id, deviceId), eq(devices.userId, userId), isNull(devices.revokedAt)));
  await db
    .update(refreshTokens)
    .set({ used: true })
    .where(and(eq(refreshTokens.deviceId, deviceId), eq(refreshTokens.userId, userId)));
}

// ---- Pairing codes (self-hosted) ----

function randomPairingCode(): string {
  const alphabet = PAIRING_CODE_ALPHABET;
  let code = '';
  // 32 letters: a byte's low five bits pick one without bias.
  for (const byte of crypto.getRandomValues(new Uint8Array(8))) code += alphabet[byte % alphabet.length];
  return code;
}

export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A fresh code for the owner, valid PAIRING_CODE_SECONDS, shown as XXXX-XXXX. Only its hash is kept. */
export async function issuePairingCode(
  db: Database,
  nowMs = Date.now(),
): Promise<{ code: string; expiresAt: Date }> {
  await db.insert(users).values({ id: OWNER_USER_ID }).onConflictDoNothing();
  const code = randomPairingCode();
  const expiresAt = new Date(nowMs + PAIRING_CODE_SECONDS * 1000);
  await db.insert(pairingCodes).values({ codeHash: await sha256Hex(code), userId: OWNER_USER_ID, expiresAt });
  return { code: formatPairingCode(code), expiresAt };
}

/** The user a valid code signs in as; null for a wrong or expired one. `code` is already normalised. */
export async function userForPairingCode(
  db: Database,
  code: string,
  nowMs = Date.now(),
): Promise<UserRow | null> {
  const [row] = await db
    .select({ user: users })
    .from(pairingCodes)
    .innerJoin(users, eq(users.id, pairingCodes.userId))
    .where(
      and(eq(pairingCodes.codeHash, await sha256Hex(code)), gt(pairingCodes.expiresAt, new Date(nowMs))),
    );
  return row?.user ?? null;
}

/** The user signed in on `deviceId`, if that device is still signed in. */
export async function activeDeviceUser(db: Database, userId: string, deviceId: string) {
  const [row] = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.userId, userId), isNull(devices.revokedAt)));
  return row !== undefined;
}
