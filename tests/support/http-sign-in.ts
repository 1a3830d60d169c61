/**
 * Signing in over HTTP the way the extension does against a self-hosted API: the pairing code
 * `npm start` printed, exchanged at /v1/auth/pair, one session per device name.
 */
import { AUTH_PATHS, type Session, SessionSchema } from '../../shared/auth/contract';

export async function pairOverHttp(url: string, code: string, deviceName: string): Promise<Session> {
  const response = await fetch(`${url}${AUTH_PATHS.pair}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  if (response.status !== 200) throw new Error(`pairing failed: ${response.status} ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

/** `Authorization` headers per device name, each device paired on first use. */
export function devicesOf(url: string, code: string) {
  const sessions = new Map<string, Promise<Session>>();
  return async (deviceName: string): Promise<{ authorization: string }> => {
    let session = sessions.get(deviceName);
    if (session === undefined) {
      session = pairOverHttp(url, code, deviceName);
      sessions.set(deviceName, session);
    }
    return { authorization: `Bearer ${(await session).accessToken}` };
  };
}
