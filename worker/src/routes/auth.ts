import { Hono } from 'hono';
import {
  AUTH_PATHS,
  GoogleSignInRequestSchema,
  PairRequestSchema,
  RefreshRequestSchema,
  type SignInMethods,
} from '../../../shared/auth/contract';
import { audit } from '../auth/audit';
import { type GoogleVerifier, userForGoogle } from '../auth/google';
import { type AuthConfig, refreshSession, signInDevice, userForPairingCode } from '../auth/sessions';
import { ApiFailure } from '../http/api-failure';
import type { AppEnv } from '../http/app-env';
import { validate } from '../http/validate';

/** The public sign-in routes: each answers a Session (shared/auth/contract.ts). */
export function authRoutes(config: AuthConfig, google: GoogleVerifier | null, methods: SignInMethods) {
  return new Hono<AppEnv>()
    .get(AUTH_PATHS.methods, (c) => c.json(methods, 200))
    .post(AUTH_PATHS.pair, validate('json', PairRequestSchema), async (c) => {
      const { code, deviceName } = c.req.valid('json');
      const user = await userForPairingCode(c.var.db, code);
      if (user === null) {
        await audit(c.var.db, { userId: null, event: 'sign_in_refused', ip: c.var.clientIp });
        throw new ApiFailure(
          'sign_in_refused',
          'Wrong or expired pairing code; run `npm run pair` for a new one',
        );
      }
      return c.json(await signInDevice(c.var.db, config, user, deviceName, c.var.clientIp), 200);
    })
    .post(AUTH_PATHS.google, validate('json', GoogleSignInRequestSchema), async (c) => {
      if (google === null) throw new ApiFailure('not_found', 'Google sign-in is not configured on this API');
      const { idToken, deviceName, nonce } = c.req.valid('json');
      const identity = await google(idToken);
      // A token minted for another sign-in (another nonce) is refused like a forged one.
      if (identity === null || (nonce !== undefined && identity.nonce !== nonce)) {
        await audit(c.var.db, { userId: null, event: 'sign_in_refused', ip: c.var.clientIp });
        throw new ApiFailure('sign_in_refused', 'The Google sign-in did not verify');
      }
      const user = await userForGoogle(c.var.db, identity);
      return c.json(await signInDevice(c.var.db, config, user, deviceName, c.var.clientIp), 200);
    })
    .post(AUTH_PATHS.refresh, validate('json', RefreshRequestSchema), async (c) => {
      const { refreshToken } = c.req.valid('json');
      return c.json(await refreshSession(c.var.db, config, refreshToken, c.var.clientIp), 200);
    });
}
