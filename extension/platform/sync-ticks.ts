/**
 * While a Brody page is open (Gmail, Calendar, the popup, the options page) it ticks the background
 * about once a second, which keeps the service worker awake and lets it pull other devices' edits
 * (background/sync/engine.ts explains the choice). The tick carries no data; the answer says only
 * when to tick again (rarely while signed out). No schema library: this runs in content scripts.
 */
import { browser } from 'wxt/browser';

const FALLBACK_MS = 30_000;
const MIN_MS = 500;

export function startSyncTicks(signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const tick = async (): Promise<void> => {
    if (signal.aborted) return;
    let again = FALLBACK_MS;
    try {
      const answer: unknown = await browser.runtime.sendMessage({ type: 'sync-tick' });
      const value = (answer as { again?: unknown } | undefined)?.again;
      if (typeof value === 'number' && Number.isFinite(value)) again = Math.max(MIN_MS, value);
    } catch {
      // The extension was reloaded or updated: this page's script is orphaned and stops ticking.
      return;
    }
    if (!signal.aborted) timer = setTimeout(() => void tick(), again);
  };
  void tick();
}
