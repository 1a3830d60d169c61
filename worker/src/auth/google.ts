/**
 * Google sign-in on a deployed API: the extension sends the ID token Google gave it, and the API
 * checks it against Google's published keys, the configured client id and Google's issuer.
 */
import { eq } from 'drizzle-orm';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { Database } from '../db/database';
import { users } from '../db/schema';
import { ApiFailure } from '../http/api-failure';
import { randomId } from './tokens';

export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export interface GoogleConfig {
  clientId: string;
  jwksUrl: string;
}

export interface GoogleIdentity {
  sub: string;
  email: string;
  name: string | null;
  /** The nonce Google echoed from the sign-in URL, when there was one. */
  nonce?: string;
}

export type GoogleVerifier = (idToken: string) => Promise<GoogleIdentity | null>;

/** Keys are fetched once and cached by jose (refetched when a token names an unknown key). */
export function googleVerifier(config: GoogleConfig): GoogleVerifier {
  const keys = createRemoteJWKSet(new URL(config.jwksUrl));
  return async (idToken) => {
    try {
      const { payload } = await jwtVerify(idToken, keys, {
        issuer: GOOGLE_ISSUERS,
        audience: config.clientId,
        algorithms: ['RS256'],
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') return null;
      if (payload.email_verified !== true || typeof payload.email !== 'string') return null;
      return {
        sub: payload.sub,
        email: payload.email,
        name: typeof payload.name === 'string' ? payload.name : null,
        ...(typeof payload.nonce === 'string' ? { nonce: payload.nonce } : {}),
      };
    } catch (error) {
      // Google's keys out of reach is not the user's fault: ask them to try again later.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
      throw new ApiFailure('unavailable', 'Google sign-in keys are not reachable', { cause: error });
    }
  };
}

/** The user behind a Google account, created on first sign-in; email and name follow Google's. */
export async function userForGoogle(db: Database, identity: GoogleIdentity) {
  const [created] = await db
    .insert(users)
    .values({ id: randomId(), googleSub: identity.sub, email: identity.email, name: identity.name })
    .onConflictDoNothing({ target: users.googleSub })
    .returning();
  if (created !== undefined) return created;
  const [existing] = await db
    .update(users)
    .set({ email: identity.email, name: identity.name })
    .where(eq(users.googleSub, identity.sub))
    .returning();
  if (existing === undefined) throw new Error('Google user vanished between insert and update');
  return existing;
}
