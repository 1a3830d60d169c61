/**
 * Google's side of sign-in, locally: an RSA key pair of our own, its public half served as a JWKS
 * over HTTP (what GOOGLE_JWKS_URL points at in tests), and ID tokens signed with it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const TEST_CLIENT_ID = 'brody-test.apps.googleusercontent.com';

export interface FakeGoogle {
  jwksUrl: string;
  /** An ID token as Google would issue it for `sub`; `claims` and `options` make it wrong on purpose. */
  idToken(
    sub: string,
    claims?: JWTPayload & { email?: string; email_verified?: boolean; name?: string },
    options?: { expiresInSeconds?: number; otherKey?: boolean },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const server = createServer((request, response) => {
    if (request.url !== '/certs') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/certs`,
    async idToken(sub, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        email: `${sub}@example.com`,
        email_verified: true,
        name: `User ${sub}`,
        iss: 'https://accounts.google.com',
        aud: TEST_CLIENT_ID,
        iat: now - 10,
        exp: now + (options.expiresInSeconds ?? 3600),
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key-1', typ: 'JWT' })
        .setSubject(sub)
        .sign(options.otherKey ? stranger.privateKey : privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
