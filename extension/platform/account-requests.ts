/** Typed account and sync requests from extension pages; every answer is parsed before it is shown. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  AccountDoneAnswer,
  AccountEvent,
  AccountExportAnswer,
  type AccountRequest,
  AccountStatusAnswer,
  AccountViewAnswer,
  SyncStatusAnswer,
} from './account-messages';

const send = (request: AccountRequest): Promise<unknown> => browser.runtime.sendMessage(request);

export const accountRequests = {
  status: async () => AccountStatusAnswer.parse(await send({ type: 'account-status' })),
  signIn: async (code: string) => AccountDoneAnswer.parse(await send({ type: 'account-sign-in', code })),
  view: async () => AccountViewAnswer.parse(await send({ type: 'account-view' })),
  signOut: async () => AccountDoneAnswer.parse(await send({ type: 'account-sign-out' })),
  signOutDevice: async (id: string) =>
    AccountDoneAnswer.parse(await send({ type: 'account-sign-out-device', id })),
  exportData: async () => AccountExportAnswer.parse(await send({ type: 'account-export' })),
  deleteAccount: async () =>
    AccountDoneAnswer.parse(await send({ type: 'account-delete', confirm: 'delete my account' })),
  syncStatus: async () => SyncStatusAnswer.parse(await send({ type: 'sync-status' })),
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

/** The sync status, re-read every `everyMs` and after each sync event, while the page is open. */
export function useSyncStatus(everyMs = 1_000): SyncStatusAnswer | null {
  const [status, setStatus] = useState<SyncStatusAnswer | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const read = () => void accountRequests.syncStatus().then(setStatus, () => undefined);
    read();
    const timer = setInterval(read, everyMs);
    watchAccountEvents(read, controller.signal);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [everyMs]);
  return status;
}
