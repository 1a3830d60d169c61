/**
 * Accounts, as both ends speak them. A device signs in once (a pairing code on a self-hosted API,
 * a Google ID token on a deployed one) and gets a short-lived access token plus a refresh token.
 * Every refresh returns a new refresh token and retires the old one; presenting a retired one again
 * revokes that device's session (reuse detection). Tokens live only in the background.
 */
import { z } from 'zod';

export const AUTH_PATHS = {
  /** GET (public) → SignInMethods: what this API offers, so the options page shows only those. */
  methods: '/v1/auth/methods',
  /** POST PairRequest → Session. */
  pair: '/v1/auth/pair',
  /** POST GoogleSignInRequest → Session. */
  google: '/v1/auth/google',
  /** POST RefreshRequest → Session (with a new refresh token). */
  refresh: '/v1/auth/refresh',
  /** POST (access token) → 204: signs out the calling device. */
  signOut: '/v1/auth/sign-out',
  /** GET (access token) → AccountView. DELETE with DeleteAccountRequest → 204. */
  account: '/v1/account',
  /** DELETE /v1/account/devices/:id (access token) → 204: signs that device out. */
  devices: '/v1/account/devices',
  /** GET (access token) → AccountExport, as a download. */
  export: '/v1/account/export',
  /** POST from loopback only, with the local admin secret → PairingCode. Self-hosted only. */
  pairingCode: '/local/pairing-code',
} as const;

/** `XXXX-XXXX` from an alphabet without look-alikes; case and a missing dash are forgiven on input. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PairingCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, 'a pairing code is 8 letters and digits, as XXXX-XXXX'));

export const DeviceName = z.string().trim().min(1).max(80);

export const PairRequestSchema = z.object({ code: PairingCodeInput, deviceName: DeviceName }).strict();
export type PairRequest = z.input<typeof PairRequestSchema>;

export const GoogleSignInRequestSchema = z
  .object({
    idToken: z.string().min(20).max(8_000),
    deviceName: DeviceName,
    /** The nonce the extension put in Google's sign-in URL; the token must carry the same one. */
    nonce: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,128}$/)
      .optional(),
  })
  .strict();
export type GoogleSignInRequest = z.input<typeof GoogleSignInRequestSchema>;

export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(20).max(500) }).strict();
export type RefreshRequest = z.input<typeof RefreshRequestSchema>;

export const DeleteAccountRequestSchema = z.object({ confirm: z.literal('delete my account') }).strict();

export const AccountUserSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});
export type AccountUser = z.infer<typeof AccountUserSchema>;

export const DeviceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** The device that asked. */
  current: z.boolean(),
});
export type DeviceView = z.infer<typeof DeviceViewSchema>;

export const SignInMethodsSchema = z.object({
  /** A self-hosted API: sign in with the code `npm start` or `npm run pair` prints. */
  pairing: z.boolean(),
  /** A deployed API: sign in with Google, for this OAuth client id. */
  google: z.object({ clientId: z.string() }).nullable(),
});
export type SignInMethods = z.infer<typeof SignInMethodsSchema>;

/** Google's sign-in page, and what the extension asks of it: an ID token with the user's email. */
export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_SCOPES = 'openid email profile';

export const SessionSchema = z.object({
  accessToken: z.string(),
  /** ISO time; the background refreshes a minute before. */
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  user: AccountUserSchema,
  /** The id sync uses as this device's id. */
  deviceId: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

export const AccountViewSchema = z.object({ user: AccountUserSchema, devices: z.array(DeviceViewSchema) });
export type AccountView = z.infer<typeof AccountViewSchema>;

export const PairingCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });
export type PairingCode = z.infer<typeof PairingCodeSchema>;

/** Everything the API holds about the user, one JSON document. Tables are listed by name. */
export const AccountExportSchema = z.object({
  exportedAt: z.string(),
  user: AccountUserSchema,
  devices: z.array(DeviceViewSchema.omit({ current: true })),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type AccountExport = z.infer<typeof AccountExportSchema>;

/** Error codes the auth routes answer with, inside the usual `{error:{code,message}}`. */
export const AUTH_ERRORS = {
  /** No token, a malformed one, an expired one: refresh, then retry once. */
  unauthorized: 'unauthorized',
  /** A wrong or expired pairing code, a Google token that does not verify. */
  signInRefused: 'sign_in_refused',
  /** A refresh token used twice: the device's session is gone; sign in again. */
  sessionRevoked: 'session_revoked',
} as const;

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const PAIRING_CODE_SECONDS = 10 * 60;
