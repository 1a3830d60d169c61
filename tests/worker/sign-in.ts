/**
 * Signing tests in the way the extension does on a self-hosted API: a pairing code made in the
 * database, exchanged at /v1/auth/pair for a session whose access token goes in `Authorization`.
 */
import { AUTH_PATHS, type Session, SessionSchema } from '../../shared/auth/contract';
import type { createApp } from '../../worker/src/app';
import { issuePairingCode } from '../../worker/src/auth/sessions';
import type { Database } from '../../worker/src/db/database';

type App = ReturnType<typeof createApp>;

export async function pair(app: App, db: Database, deviceName = 'Test browser'): Promise<Session> {
  const { code } = await issuePairingCode(db);
  const response = await app.request(AUTH_PATHS.pair, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (response.status !== 200) throw new Error(`pairing failed: ${response.status} ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

export const bearer = (session: Pick<Session, 'accessToken'>) => ({
  authorization: `Bearer ${session.accessToken}`,
});

/** The pairing headers: `{ authorization: 'Bearer …' }` for a freshly paired device. */
export async function authHeader(app: App, db: Database, deviceName?: string) {
  return bearer(await pair(app, db, deviceName));
}

/**
 * The same app, with every request signed in as the owner on one device (paired on first use),
 * unless the request names its own Authorization header.
 */
export function signedIn(app: App, db: Database, deviceName?: string): App {
  let session: Promise<Session> | null = null;
  const request: App['request'] = async (input, init, ...rest) => {
    session ??= pair(app, db, deviceName);
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', bearer(await session).authorization);
    return app.request(input, { ...init, headers }, ...rest);
  };
  return Object.assign(Object.create(app) as App, { request });
}
