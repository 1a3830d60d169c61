/**
 * Signs a test in to a real local API the way the extension does: the pairing code the API made at
 * start, exchanged at /v1/auth/pair for a session. Returns the access token for `Authorization`.
 */
import { AUTH_PATHS, SessionSchema } from '../../shared/auth/contract';

export async function accessTokenFor(server: { url: string; pairingCode: string }): Promise<string> {
  const response = await fetch(`${server.url}${AUTH_PATHS.pair}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: server.pairingCode, deviceName: 'Unit test' }),
  });
  if (response.status !== 200) throw new Error(`pairing failed: ${response.status} ${await response.text()}`);
  return SessionSchema.parse(await response.json()).accessToken;
}
