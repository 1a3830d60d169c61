/**
 * Where the background keeps the session. The access token lives in `chrome.storage.session`
 * (memory only, gone when the browser closes, and by Chrome's default readable by trusted contexts
 * only: the background and extension pages, never content scripts); the refresh token and the
 * non-secret account details live in `chrome.storage.local`, which survives restarts. Nothing here
 * is ever put in a message to a content script, and the settings module (which content scripts
 * load) knows none of these keys.
 */
import type { AccountUser } from '../../../shared/auth/contract';

export interface AccessToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface StoredAccount {
  refreshToken: string;
  user: AccountUser;
  deviceId: string;
}

export interface TokenStore {
  access(): Promise<AccessToken | null>;
  account(): Promise<StoredAccount | null>;
  save(access: AccessToken, account: StoredAccount): Promise<void>;
  clear(): Promise<void>;
}

const ACCESS_KEY = 'brodyAccessToken';
const ACCOUNT_KEY = 'brodyAccount';

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function isAccess(raw: unknown): raw is AccessToken {
  const value = raw as AccessToken | undefined;
  return typeof value?.token === 'string' && typeof value.expiresAt === 'number';
}

function isAccount(raw: unknown): raw is StoredAccount {
  const value = raw as StoredAccount | undefined;
  return (
    typeof value?.refreshToken === 'string' &&
    typeof value.deviceId === 'string' &&
    typeof value.user === 'object' &&
    value.user !== null &&
    typeof value.user.id === 'string'
  );
}

/** The two Chrome storage areas; `session` must stay at its default TRUSTED_CONTEXTS access level. */
export function chromeTokenStore(areas: { session: StorageArea; local: StorageArea }): TokenStore {
  return {
    async access() {
      const raw = (await areas.session.get(ACCESS_KEY))[ACCESS_KEY];
      return isAccess(raw) ? raw : null;
    },
    async account() {
      const raw = (await areas.local.get(ACCOUNT_KEY))[ACCOUNT_KEY];
      return isAccount(raw) ? raw : null;
    },
    async save(access, account) {
      await areas.local.set({ [ACCOUNT_KEY]: account });
      await areas.session.set({ [ACCESS_KEY]: access });
    },
    async clear() {
      await areas.session.remove(ACCESS_KEY);
      await areas.local.remove(ACCOUNT_KEY);
    },
  };
}

/** For tests, and a browser without storage.session. */
export function memoryTokenStore(): TokenStore {
  let access: AccessToken | null = null;
  let account: StoredAccount | null = null;
  return {
    async access() {
      return access;
    },
    async account() {
      return account;
    },
    async save(nextAccess, nextAccount) {
      access = nextAccess;
      account = nextAccount;
    },
    async clear() {
      access = null;
      account = null;
    },
  };
}
