/**
 * The sync line on extension pages, without zod: the popup's first script stays small (it must
 * paint Today within 100 ms), so the background's answers and events are checked by hand here.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export interface SyncStatus {
  signedIn: boolean;
  lastSyncedAt: number | null;
  waiting: number;
  offline: boolean;
}

/** The `sync-status` answer, or null when it is not one. */
export function asSyncStatus(answer: unknown): SyncStatus | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const a = answer as Record<string, unknown>;
  const lastSyncedAt = a.lastSyncedAt;
  if (
    a.ok !== true ||
    typeof a.signedIn !== 'boolean' ||
    typeof a.offline !== 'boolean' ||
    typeof a.waiting !== 'number' ||
    !Number.isInteger(a.waiting) ||
    a.waiting < 0 ||
    !(lastSyncedAt === null || (typeof lastSyncedAt === 'number' && Number.isFinite(lastSyncedAt)))
  ) {
    return null;
  }
  return { signedIn: a.signedIn, lastSyncedAt, waiting: a.waiting, offline: a.offline };
}

export async function readSyncStatus(): Promise<SyncStatus | null> {
  return asSyncStatus(await browser.runtime.sendMessage({ type: 'sync-status' }));
}

/** Calls `onApplied` whenever the background reports pulled rows, until `signal` aborts. */
export function watchSyncApplied(onApplied: () => void, signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'sync-applied' || type === 'account-signed-in' || type === 'account-signed-out') onApplied();
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), {
    once: true,
  });
}

/** The sync status, re-read every `everyMs` and after each sync event, while the page is open. */
export function useSyncStatus(everyMs = 1_000): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const read = () => void readSyncStatus().then(setStatus, () => undefined);
    read();
    const timer = setInterval(read, everyMs);
    watchSyncApplied(read, controller.signal);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [everyMs]);
  return status;
}
