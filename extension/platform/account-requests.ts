/** Typed account and sync requests from extension pages; every answer is parsed before it is shown. */
import { browser } from 'wxt/browser';
import {
  AccountDoneAnswer,
  AccountEvent,
  AccountExportAnswer,
  AccountMethodsAnswer,
  type AccountRequest,
  AccountStatusAnswer,
  AccountViewAnswer,
} from './account-messages';

const send = (request: AccountRequest): Promise<unknown> => browser.runtime.sendMessage(request);

export const accountRequests = {
  status: async () => AccountStatusAnswer.parse(await send({ type: 'account-status' })),
  signIn: async (code: string) => AccountDoneAnswer.parse(await send({ type: 'account-sign-in', code })),
  methods: async () => AccountMethodsAnswer.parse(await send({ type: 'account-methods' })),
  signInWithGoogle: async () => AccountDoneAnswer.parse(await send({ type: 'account-google-sign-in' })),
  view: async () => AccountViewAnswer.parse(await send({ type: 'account-view' })),
  signOut: async () => AccountDoneAnswer.parse(await send({ type: 'account-sign-out' })),
  signOutDevice: async (id: string) =>
    AccountDoneAnswer.parse(await send({ type: 'account-sign-out-device', id })),
  exportData: async () => AccountExportAnswer.parse(await send({ type: 'account-export' })),
  deleteAccount: async () =>
    AccountDoneAnswer.parse(await send({ type: 'account-delete', confirm: 'delete my account' })),
};

/** Calls `onEvent` for each account or sync event the background sends, until `signal` aborts. */
export function watchAccountEvents(onEvent: (event: AccountEvent) => void, signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    const parsed = AccountEvent.safeParse(message);
    if (parsed.success) onEvent(parsed.data);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), {
    once: true,
  });
}
