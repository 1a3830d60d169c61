import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AccountService,
  createAccountService,
  REFRESH_AHEAD_MS,
  type SignedOutReason,
} from '../../extension/background/account/account-service';
import { memoryTokenStore, type TokenStore } from '../../extension/background/account/token-store';
import { createApiClient } from '../../extension/background/api-client';
import { BrodyDatabase } from '../../extension/background/db';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import { createSyncEngine } from '../../extension/background/sync/engine';
import { AUTH_PATHS } from '../../shared/auth/contract';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';

const BASE = 'http://127.0.0.1:9';
const T0 = Date.UTC(2026, 11, 1, 9);

/**
 * The accounts contract's auth routes, in process: one pairing code, rotating refresh tokens where a
 * reused one revokes the session, and access tokens that the test expires at will.
 */
function fakeAuthApi(clock: { now: number }) {
  let serial = 0;
  const valid = new Set<string>();
  const refreshTokens = new Map<string, 'live' | 'used'>();
  let revoked = false;
  const log: string[] = [];
  const issue = () => {
    serial++;
    const access = `access-${serial}`;
    const refresh = `refresh-token-${serial}-${'x'.repeat(20)}`;
    valid.add(access);
    refreshTokens.set(refresh, 'live');
    return {
      accessToken: access,
      accessExpiresAt: new Date(clock.now + 15 * 60_000).toISOString(),
      refreshToken: refresh,
      user: { id: 'owner', email: null, name: null },
      deviceId: 'device-1',
    };
  };
  const json = (status: number, body: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });
  const error = (status: number, code: string) => json(status, { error: { code, message: code } });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const bearer = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '');
    log.push(`${init?.method ?? 'GET'} ${url.pathname}${bearer ? ` ${bearer}` : ''}`);
    if (url.pathname === AUTH_PATHS.pair)
      return body?.code === 'ABCDEFGH' ? json(200, issue()) : error(401, 'sign_in_refused');
    if (url.pathname === AUTH_PATHS.refresh) {
      const state = refreshTokens.get(body?.refreshToken);
      if (revoked || state === 'used') {
        revoked = true;
        return error(401, 'session_revoked');
      }
      if (state !== 'live') return error(401, 'unauthorized');
      refreshTokens.set(body.refreshToken, 'used');
      return json(200, issue());
    }
    if (!bearer || !valid.has(bearer) || revoked) return error(401, 'unauthorized');
    if (url.pathname === '/v1/sync/pull')
      return json(200, { cursor: 0, rows: [], lastMutationId: 0, more: false });
    if (url.pathname === AUTH_PATHS.account)
      return init?.method === 'DELETE'
        ? json(204, undefined)
        : json(200, {
            user: { id: 'owner', email: null, name: null },
            devices: [
              { id: 'device-1', name: 'Chrome on Linux', createdAt: 'x', lastSeenAt: null, current: true },
            ],
          });
    if (url.pathname === '/v1/ai') return json(200, { nope: true });
    return error(404, 'not_found');
  };
  return {
    fetch,
    log,
    /** The API forgets every access token issued so far (they "expired"). */
    expireAccess: () => valid.clear(),
    revoke: () => {
      revoked = true;
    },
  };
}

function setup() {
  const clock = { now: T0 };
  const api = fakeAuthApi(clock);
  const store: TokenStore = memoryTokenStore();
  const signedOut: SignedOutReason[] = [];
  const account: AccountService = createAccountService({
    store,
    baseUrl: async () => BASE,
    deviceName: () => 'Chrome on Linux',
    fetch: api.fetch,
    now: () => clock.now,
    onSignedOut: (reason) => signedOut.push(reason),
  });
  return { clock, api, store, account, signedOut };
}

describe('signing in', () => {
  it('a pairing code signs the device in; the tokens stay in the store and the status shows no token', async () => {
    const { account, store } = setup();
    await expect(account.signIn('abcd-efgh')).resolves.toMatchObject({ id: 'owner' });
    expect((await store.access())?.token).toBe('access-1');
    expect((await store.account())?.deviceId).toBe('device-1');
    const status = await account.status();
    expect(status).toEqual({
      signedIn: true,
      user: { id: 'owner', email: null, name: null },
      deviceId: 'device-1',
    });
    expect(JSON.stringify(status)).not.toContain('token');
  });

  it('a wrong or malformed code is refused with the API code and the device stays signed out', async () => {
    const { account } = setup();
    await expect(account.signIn('ZZZZ-ZZZZ')).rejects.toMatchObject({ code: 'sign_in_refused' });
    await expect(account.signIn('nope')).rejects.toMatchObject({ code: 'bad_request' });
    expect((await account.status()).signedIn).toBe(false);
  });
});

describe('access tokens', () => {
  it('a 401 refreshes once, rotates the refresh token, and the call is sent again', async () => {
    const { account, api, store } = setup();
    await account.signIn('ABCD-EFGH');
    const firstRefresh = (await store.account())?.refreshToken;
    api.expireAccess();
    const response = await account.fetch('/v1/sync/pull', {
      method: 'POST',
      json: { deviceId: 'device-1', cursor: 0 },
    });
    expect(response.status).toBe(200);
    expect(api.log.filter((line) => line.includes('/v1/sync/pull'))).toEqual([
      'POST /v1/sync/pull access-1',
      'POST /v1/sync/pull access-2',
    ]);
    expect((await store.account())?.refreshToken).not.toBe(firstRefresh);
  });

  it('refreshes a minute before expiry without waiting for a 401', async () => {
    const { account, api, clock } = setup();
    await account.signIn('ABCD-EFGH');
    clock.now += 15 * 60_000 - REFRESH_AHEAD_MS + 1;
    expect(await account.accessToken()).toBe('access-2');
    expect(api.log.filter((line) => line.includes(AUTH_PATHS.refresh))).toHaveLength(1);
  });

  it('concurrent callers share one refresh: a rotating token is never presented twice', async () => {
    const { account, api, clock, signedOut } = setup();
    await account.signIn('ABCD-EFGH');
    clock.now += 15 * 60_000;
    const tokens = await Promise.all([account.accessToken(), account.accessToken(), account.refresh()]);
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(api.log.filter((line) => line.includes(AUTH_PATHS.refresh))).toHaveLength(1);
    expect(signedOut).toEqual([]);
  });

  it('the API client sends the token and refreshes once on a 401', async () => {
    const { account, api } = setup();
    await account.signIn('ABCD-EFGH');
    api.expireAccess();
    const client = createApiClient({
      baseUrl: async () => BASE,
      fetch: api.fetch,
      token: async () => (await account.accessToken()) ?? '',
      onUnauthorized: () => account.refresh(),
      retries: 0,
    });
    await expect(client.ai()).rejects.toMatchObject({ code: 'internal' });
    expect(api.log.filter((line) => line.startsWith('GET /v1/ai'))).toEqual([
      'GET /v1/ai access-1',
      'GET /v1/ai access-2',
    ]);
  });
});

describe('a revoked session', () => {
  it('signs the device out locally, says why, and sync stops without retrying', async () => {
    const { account, api, store, signedOut } = setup();
    await account.signIn('ABCD-EFGH');
    api.expireAccess();
    api.revoke();
    const db = new BrodyDatabase(`brody-account-${Date.now()}`);
    const timers: number[] = [];
    const sync = createSyncEngine({
      db,
      account,
      now: () => T0,
      setTimer: (_run, ms) => timers.push(ms),
      clearTimer: () => undefined,
    });
    await sync.syncNow();
    expect(signedOut).toEqual(['session_revoked']);
    expect(await store.account()).toBeNull();
    expect(await store.access()).toBeNull();
    expect(timers).toEqual([]);
    expect((await sync.status()).signedIn).toBe(false);
    await db.delete();
  });

  it('deleting the account needs the confirmation phrase and signs out', async () => {
    const { account, signedOut } = setup();
    await account.signIn('ABCD-EFGH');
    await account.deleteAccount('delete my account');
    expect(signedOut).toEqual(['deleted']);
  });
});

describe('the router', () => {
  let db: BrodyDatabase | null = null;
  afterEach(async () => {
    await db?.delete();
  });

  it('a Gmail tab may tick but not read the account; the tick answer carries nothing but a delay', async () => {
    const { account } = setup();
    await account.signIn('ABCD-EFGH');
    db = new BrodyDatabase(`brody-router-${Date.now()}`);
    const sync = createSyncEngine({ db, account, setTimer: () => 0, clearTimer: () => undefined });
    const route = createRuntimeRouter({
      runtimeId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      db,
      api: createApiClient({ baseUrl: async () => BASE }),
      apiUrl: async () => BASE,
      account,
      sync,
    });
    const gmail = {
      id: EXTENSION_ID,
      url: 'https://mail.google.com/mail/u/0/#inbox',
      origin: 'https://mail.google.com',
    };
    const options = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html` };
    expect(await route({ type: 'sync-tick' }, gmail)).toEqual({ ok: true, again: 1_000 });
    expect(await route({ type: 'sync-tick', data: 'x' }, gmail)).toEqual({ rejected: true, reason: 'shape' });
    for (const type of ['account-status', 'account-view', 'account-export', 'sync-status'])
      expect(await route({ type }, gmail)).toEqual({ rejected: true, reason: 'sender' });
    const status = await route({ type: 'account-status' }, options);
    expect(status).toMatchObject({ ok: true, signedIn: true });
    expect(JSON.stringify(status)).not.toMatch(/access-|refresh-token/);
    expect(await route({ type: 'account-delete', confirm: 'yes' }, options)).toEqual({
      rejected: true,
      reason: 'shape',
    });
  });
});

describe('signing in again while a refresh is out', () => {
  it('a refresh refused for the old session does not sign out the new one', async () => {
    const { account, api, store, signedOut } = setup();
    await account.signIn('ABCD-EFGH');
    const old = await store.account();
    api.revoke();
    // The refresh leaves with the old token; the user signs in again before it is answered.
    const refreshing = account.refresh();
    await store.save(
      { token: 'new-access', expiresAt: T0 + 15 * 60_000 },
      {
        ...(old as NonNullable<typeof old>),
        refreshToken: 'new-refresh-token-xxxxxxxxxxxx',
        deviceId: 'device-2',
      },
    );
    expect(await refreshing).toBe('new-access');
    expect(signedOut).toEqual([]);
    expect((await store.account())?.deviceId).toBe('device-2');
  });
});
