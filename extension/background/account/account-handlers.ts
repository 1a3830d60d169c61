/** Answers the account and sync requests; failures carry the API's code and message, never a token. */
import type { AccountAnswer, AccountRequest } from '../../platform/account-messages';
import { ACCOUNT_REQUEST_TYPES } from '../../platform/account-messages';
import type { SyncEngine } from '../sync/engine';
import { POLL_MS } from '../sync/engine';
import { AccountError, type AccountService, type GoogleSignInWindow } from './account-service';

/** How often a signed-out tab ticks: rarely, just to notice a sign-in made in the options page. */
const SIGNED_OUT_TICK_MS = 30_000;

export function isAccountRequest(request: { type: string }): request is AccountRequest {
  return ACCOUNT_REQUEST_TYPES.has(request.type);
}

function failure(error: unknown): { ok: false; error: { code: string; message: string } } {
  const known = error instanceof AccountError ? error : new AccountError('internal', String(error));
  return { ok: false, error: known.toJSON() };
}

export async function handleAccountRequest(
  account: AccountService,
  sync: SyncEngine,
  request: AccountRequest,
  /** Google's sign-in window; null when the browser lacks it (the identity permission not granted). */
  googleWindow: () => GoogleSignInWindow | null = () => null,
): Promise<AccountAnswer> {
  try {
    switch (request.type) {
      case 'sync-tick': {
        const signedIn = (await account.current()) !== null;
        if (signedIn) void sync.tick();
        return { ok: true, again: signedIn ? POLL_MS : SIGNED_OUT_TICK_MS };
      }
      case 'sync-status':
        return { ok: true, ...(await sync.status()) };
      case 'account-status': {
        const status = await account.status();
        return { ok: true, signedIn: status.signedIn, ...(status.user ? { user: status.user } : {}) };
      }
      case 'account-sign-in':
        await account.signIn(request.code);
        void sync.syncNow();
        return { ok: true };
      case 'account-methods':
        return { ok: true, methods: await account.methods() };
      case 'account-google-sign-in': {
        const window = googleWindow();
        if (window === null) {
          throw new AccountError(
            'permission',
            "Allow Brody to open Google's sign-in window, then try again.",
          );
        }
        await account.signInWithGoogle(window);
        void sync.syncNow();
        return { ok: true };
      }
      case 'account-view':
        return { ok: true, view: await account.view() };
      case 'account-sign-out':
        await account.signOut();
        return { ok: true };
      case 'account-sign-out-device':
        await account.removeDevice(request.id);
        return { ok: true };
      case 'account-export':
        return { ok: true, json: await account.exportData() };
      case 'account-delete':
        await account.deleteAccount(request.confirm);
        return { ok: true };
    }
  } catch (error) {
    return failure(error);
  }
}
