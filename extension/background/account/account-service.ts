/**
 * The device's account, in the background only: signing in with a pairing code, keeping the access
 * token fresh (a minute before it expires, and once more when the API answers 401 anyway), and
 * every authorised call to the API. Refreshes are single-flight: refresh tokens rotate, and two
 * refreshes racing with the same token would look to the API like a stolen token being reused.
 * A refresh the API refuses (a revoked session, a refresh token it no longer knows) signs the device
 * out locally and says why.
 */
import {
  ACCESS_TOKEN_SECONDS,
  type AccountUser,
  type AccountView,
  AccountViewSchema,
  AUTH_ERRORS,
  AUTH_PATHS,
  GOOGLE_AUTH_URL,
  GOOGLE_SCOPES,
  PairingCodeInput,
  type Session,
  SessionSchema,
  type SignInMethods,
  SignInMethodsSchema,
} from '../../../shared/auth/contract';
import type { StoredAccount, TokenStore } from './token-store';

/** Refresh this long before the access token expires. */
export const REFRESH_AHEAD_MS = 60_000;

export type SignedOutReason = 'signed_out' | 'session_revoked' | 'expired' | 'deleted';

export class AccountError extends Error {
  constructor(
    /** An API error code, or `signed_out` / `unavailable` / `bad_answer` from this side. */
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AccountError';
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export interface AccountServiceDeps {
  store: TokenStore;
  baseUrl: () => Promise<string>;
  deviceName: () => string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  onSignedIn?: (account: StoredAccount) => void;
  onSignedOut?: (reason: SignedOutReason) => void;
}

/**
 * Google's sign-in window: `chrome.identity.launchWebAuthFlow` in the background, injected so tests
 * can stand in for the window (never for the API, which verifies the token for real).
 */
export interface GoogleSignInWindow {
  /** Where Google sends the browser back: `https://<extension id>.chromiumapp.org/`. */
  redirectUrl(): string;
  /** Opens `url` for the user and resolves with the URL Google redirected to. */
  open(url: string): Promise<string>;
}

export interface AccountStatus {
  signedIn: boolean;
  user?: AccountUser;
  deviceId?: string;
}

export interface AccountService {
  status(): Promise<AccountStatus>;
  /** The stored account (refresh token included): for the background's own use only. */
  current(): Promise<StoredAccount | null>;
  signIn(code: string): Promise<AccountUser>;
  /** What the API offers: pairing (self-hosted) and/or Google (deployed). */
  methods(): Promise<SignInMethods>;
  /** Google's window, then `POST /v1/auth/google` with the ID token and the nonce it must carry. */
  signInWithGoogle(window: GoogleSignInWindow): Promise<AccountUser>;
  signOut(): Promise<void>;
  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  accessToken(): Promise<string | null>;
  /** Forces a refresh (after a 401); null when the session is gone. */
  refresh(): Promise<string | null>;
  /** `path` on the API with the Bearer token; a 401 refreshes and retries once. */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  view(): Promise<AccountView>;
  removeDevice(id: string): Promise<void>;
  /** The export as the API sent it (JSON text). */
  exportData(): Promise<string>;
  deleteAccount(confirm: string): Promise<void>;
}

async function errorOf(response: Response): Promise<AccountError> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: unknown; message?: unknown } }
    | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : `http_${response.status}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
  return new AccountError(code, message, response.status);
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The ID token from Google's redirect, once its `state` proves it answers this sign-in. */
function idTokenFrom(redirected: string, redirectUrl: string, state: string): string {
  let answer: URL;
  try {
    answer = new URL(redirected);
  } catch {
    throw new AccountError('sign_in_refused', 'Google sent back something that is not an address');
  }
  if (!`${answer.origin}${answer.pathname}`.startsWith(redirectUrl.replace(/\/$/, ''))) {
    throw new AccountError('sign_in_refused', 'Google sent the answer somewhere else');
  }
  const fields = new URLSearchParams(answer.hash.replace(/^#/, ''));
  const error = fields.get('error');
  if (error) {
    throw new AccountError(
      error === 'access_denied' ? 'sign_in_cancelled' : 'sign_in_refused',
      error === 'access_denied' ? 'Google sign-in was cancelled' : `Google refused the sign-in (${error})`,
    );
  }
  if (fields.get('state') !== state)
    throw new AccountError('sign_in_refused', 'That answer was not for this sign-in');
  const idToken = fields.get('id_token');
  if (!idToken) throw new AccountError('sign_in_refused', 'Google sent no ID token');
  return idToken;
}

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 8_000;
  let refreshing: Promise<string | null> | null = null;

  async function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const base = (await deps.baseUrl()).replace(/\/+$/, '');
    const { json, headers, ...rest } = init;
    const merged = new Headers(headers);
    if (json !== undefined) merged.set('content-type', 'application/json');
    try {
      return await doFetch(`${base}${path}`, {
        ...rest,
        headers: merged,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
        signal: rest.signal ?? AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AccountError('unavailable', `cannot reach the API (${String(error)})`);
    }
  }

  async function keep(session: Session): Promise<StoredAccount> {
    const expires = Date.parse(session.accessExpiresAt);
    const account: StoredAccount = {
      refreshToken: session.refreshToken,
      user: session.user,
      deviceId: session.deviceId,
    };
    await deps.store.save(
      {
        token: session.accessToken,
        expiresAt: Number.isFinite(expires) ? expires : now() + ACCESS_TOKEN_SECONDS * 1000,
      },
      account,
    );
    return account;
  }

  async function sessionOf(response: Response): Promise<Session> {
    const parsed = SessionSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new AccountError('bad_answer', 'the API answered in an unexpected shape');
    return parsed.data;
  }

  async function signOutLocally(reason: SignedOutReason): Promise<void> {
    await deps.store.clear();
    deps.onSignedOut?.(reason);
  }

  async function doRefresh(): Promise<string | null> {
    const account = await deps.store.account();
    if (!account) return null;
    const response = await call(AUTH_PATHS.refresh, {
      method: 'POST',
      json: { refreshToken: account.refreshToken },
    });
    // Signed in again (another API, another code) while this refresh was out: that session stands.
    const replaced = async () => (await deps.store.account())?.refreshToken !== account.refreshToken;
    if (response.ok) {
      const session = await sessionOf(response);
      if (await replaced()) return (await deps.store.access())?.token ?? null;
      await keep(session);
      return session.accessToken;
    }
    const failure = await errorOf(response);
    if (await replaced()) return (await deps.store.access())?.token ?? null;
    if (response.status === 401 || response.status === 403) {
      await signOutLocally(failure.code === AUTH_ERRORS.sessionRevoked ? 'session_revoked' : 'expired');
      return null;
    }
    throw failure;
  }

  /** A sign-in route answered with a Session: kept, announced, and its user returned. */
  async function startSession(path: string, json: Record<string, string>): Promise<AccountUser> {
    const response = await expectOk(
      await call(path, {
        method: 'POST',
        json: { ...json, deviceName: deps.deviceName().slice(0, 80) || 'Browser' },
      }),
    );
    const account = await keep(await sessionOf(response));
    deps.onSignedIn?.(account);
    return account.user;
  }

  function refresh(): Promise<string | null> {
    refreshing ??= doRefresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function accessToken(): Promise<string | null> {
    if (refreshing) return refreshing;
    const access = await deps.store.access();
    if (access && access.expiresAt - REFRESH_AHEAD_MS > now()) return access.token;
    return refresh();
  }

  async function authorized(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const send = (token: string) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return call(path, { ...init, headers });
    };
    const token = await accessToken();
    if (!token) throw new AccountError('signed_out', 'Not signed in');
    const first = await send(token);
    if (first.status !== 401) return first;
    const fresh = await refresh();
    if (!fresh) throw new AccountError('signed_out', 'Not signed in');
    return send(fresh);
  }

  async function expectOk(response: Response): Promise<Response> {
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  return {
    async status() {
      const account = await deps.store.account();
      return account
        ? { signedIn: true, user: account.user, deviceId: account.deviceId }
        : { signedIn: false };
    },
    current: () => deps.store.account(),
    async signIn(code) {
      const parsed = PairingCodeInput.safeParse(code);
      if (!parsed.success)
        throw new AccountError('bad_request', 'A pairing code is 8 letters and digits, as XXXX-XXXX.');
      return startSession(AUTH_PATHS.pair, { code: parsed.data });
    },
    async methods() {
      const response = await expectOk(await call(AUTH_PATHS.methods));
      const parsed = SignInMethodsSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new AccountError('bad_answer', 'the API answered in an unexpected shape');
      return parsed.data;
    },
    async signInWithGoogle(window) {
      const { google } = await this.methods();
      if (google === null)
        throw new AccountError('not_offered', 'This Brody API does not offer Google sign-in.');
      const nonce = randomNonce();
      const state = randomNonce();
      const redirectUrl = window.redirectUrl();
      const url = new URL(GOOGLE_AUTH_URL);
      url.search = new URLSearchParams({
        client_id: google.clientId,
        response_type: 'id_token',
        redirect_uri: redirectUrl,
        scope: GOOGLE_SCOPES,
        nonce,
        state,
        prompt: 'select_account',
      }).toString();
      let redirected: string;
      try {
        redirected = await window.open(url.toString());
      } catch (error) {
        throw new AccountError('sign_in_cancelled', `Google sign-in did not finish (${String(error)})`);
      }
      const idToken = idTokenFrom(redirected, redirectUrl, state);
      return startSession(AUTH_PATHS.google, { idToken, nonce });
    },
    async signOut() {
      // Best effort: the API may be unreachable, and the device signs out all the same.
      await authorized(AUTH_PATHS.signOut, { method: 'POST' }).catch(() => undefined);
      await signOutLocally('signed_out');
    },
    accessToken,
    refresh,
    fetch: authorized,
    async view() {
      const response = await expectOk(await authorized(AUTH_PATHS.account));
      const parsed = AccountViewSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new AccountError('bad_answer', 'the API answered in an unexpected shape');
      return parsed.data;
    },
    async removeDevice(id) {
      const own = (await deps.store.account())?.deviceId === id;
      await expectOk(
        await authorized(`${AUTH_PATHS.devices}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      );
      if (own) await signOutLocally('signed_out');
    },
    async exportData() {
      const response = await expectOk(await authorized(AUTH_PATHS.export));
      return response.text();
    },
    async deleteAccount(confirm) {
      await expectOk(await authorized(AUTH_PATHS.account, { method: 'DELETE', json: { confirm } }));
      await signOutLocally('deleted');
    },
  };
}
