/**
 * "Sign in with Google" from the background: the URL it opens Google's window at, what it accepts
 * back, and the real API verifying the ID token against a local JWKS. Only Google's window is
 * stood in for (a headless browser cannot sign in to Google); the token, its nonce and the session
 * are real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccountService,
  createAccountService,
  type GoogleSignInWindow,
} from '../../extension/background/account/account-service';
import { memoryTokenStore } from '../../extension/background/account/token-store';
import { AUTH_PATHS, GOOGLE_AUTH_URL } from '../../shared/auth/contract';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import type { DatabaseHandle } from '../../worker/src/db/database';
import { type FakeGoogle, startFakeGoogle, TEST_CLIENT_ID } from '../support/fake-google';

const REDIRECT = 'https://nbhhplomhjglgghekjkpcadephlcfhdb.chromiumapp.org/';

let handle: DatabaseHandle;
let google: FakeGoogle;

beforeAll(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: null });
  google = await startFakeGoogle();
});
afterAll(async () => {
  await google?.close();
  await handle?.close();
});

function accountOn(withGoogle: boolean): {
  account: AccountService;
  store: ReturnType<typeof memoryTokenStore>;
} {
  const app = createApp({
    db: handle.db,
    database: handle.kind,
    allowedOrigins: [],
    version: 'test',
    authSecret: 'a-test-secret-that-is-long-enough-0123456789',
    ...(withGoogle ? { google: { clientId: TEST_CLIENT_ID, jwksUrl: google.jwksUrl } } : {}),
  });
  const store = memoryTokenStore();
  const account = createAccountService({
    store,
    baseUrl: async () => 'http://api.test',
    deviceName: () => 'Work Chrome',
    fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
  });
  return { account, store };
}

/** Google's window, answering as Google does: the ID token (for `sub`) in the redirect's fragment. */
function googleWindow(answer: (asked: URL) => Promise<string>, opened: URL[] = []): GoogleSignInWindow {
  return {
    redirectUrl: () => REDIRECT,
    open: async (url) => {
      const asked = new URL(url);
      opened.push(asked);
      return answer(asked);
    },
  };
}

const signedInAs =
  (sub: string, nonceOf: (asked: URL) => string | null = (asked) => asked.searchParams.get('nonce')) =>
  async (asked: URL) => {
    const nonce = nonceOf(asked);
    const idToken = await google.idToken(sub, nonce === null ? {} : { nonce });
    const fields = new URLSearchParams({ id_token: idToken, state: asked.searchParams.get('state') ?? '' });
    return `${REDIRECT}#${fields}`;
  };

describe('Sign in with Google', () => {
  it('opens Google for an ID token with a nonce and state, and the API signs the device in', async () => {
    const { account, store } = accountOn(true);
    expect(await account.methods()).toEqual({ pairing: false, google: { clientId: TEST_CLIENT_ID } });
    const opened: URL[] = [];
    const user = await account.signInWithGoogle(googleWindow(signedInAs('alice'), opened));

    const [asked] = opened;
    expect(`${asked?.origin}${asked?.pathname}`).toBe(GOOGLE_AUTH_URL);
    expect(asked?.searchParams.get('client_id')).toBe(TEST_CLIENT_ID);
    expect(asked?.searchParams.get('response_type')).toBe('id_token');
    expect(asked?.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(asked?.searchParams.get('scope')).toBe('openid email profile');
    expect(asked?.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(asked?.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(asked?.searchParams.get('nonce')).not.toBe(asked?.searchParams.get('state'));

    expect(user).toMatchObject({ email: 'alice@example.com', name: 'User alice' });
    expect(await account.status()).toMatchObject({ signedIn: true, user: { email: 'alice@example.com' } });
    const view = await account.view();
    expect(view.devices.map((device) => [device.name, device.current])).toEqual([['Work Chrome', true]]);
    expect((await store.access())?.token).toBeTruthy();
  });

  it('refuses an ID token minted for another sign-in (another nonce), storing nothing', async () => {
    const { account, store } = accountOn(true);
    await expect(
      account.signInWithGoogle(googleWindow(signedInAs('mallory', () => 'a-nonce-from-another-sign-in'))),
    ).rejects.toMatchObject({ code: 'sign_in_refused' });
    expect(await store.account()).toBeNull();
  });

  it('refuses an answer whose state is not this sign-in’s before asking the API', async () => {
    const { account, store } = accountOn(true);
    const forged = googleWindow(async (asked) => {
      const idToken = await google.idToken('mallory', { nonce: asked.searchParams.get('nonce') ?? '' });
      return `${REDIRECT}#${new URLSearchParams({ id_token: idToken, state: 'not-the-state' })}`;
    });
    await expect(account.signInWithGoogle(forged)).rejects.toMatchObject({ code: 'sign_in_refused' });
    expect(await store.account()).toBeNull();
  });

  it('says the user cancelled when Google answers access_denied or the window closes', async () => {
    const { account } = accountOn(true);
    const denied = googleWindow(
      async (asked) => `${REDIRECT}#error=access_denied&state=${asked.searchParams.get('state')}`,
    );
    await expect(account.signInWithGoogle(denied)).rejects.toMatchObject({ code: 'sign_in_cancelled' });
    const closed = googleWindow(async () => {
      throw new Error('The user did not approve access.');
    });
    await expect(account.signInWithGoogle(closed)).rejects.toMatchObject({ code: 'sign_in_cancelled' });
  });

  it('is not offered by an API without a Google client id, and that API refuses Google tokens', async () => {
    const { account } = accountOn(false);
    expect((await account.methods()).google).toBeNull();
    let opened = false;
    await expect(
      account.signInWithGoogle({
        redirectUrl: () => REDIRECT,
        open: async () => {
          opened = true;
          return REDIRECT;
        },
      }),
    ).rejects.toMatchObject({ code: 'not_offered' });
    expect(opened).toBe(false);
  });

  it('answers GET /v1/auth/methods without a token', async () => {
    const app = createApp({
      db: handle.db,
      database: handle.kind,
      allowedOrigins: [],
      version: 'test',
      localAdminSecret: 'x'.repeat(40),
    });
    const response = await app.request(AUTH_PATHS.methods);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ pairing: true, google: null });
  });
});
