/**
 * Who may talk to the background: our own content scripts on Gmail or Calendar, and our own
 * extension pages. Chrome fills `sender` itself, so a web page cannot fake these fields, but it can
 * try to reach us through other channels; anything unexpected is refused.
 */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

const CONTENT_SCRIPT_HOSTS = new Set(['mail.google.com', 'calendar.google.com']);

export function isTrustedSender(sender: SenderInfo, runtimeId: string, extensionOrigin: string): boolean {
  if (!sender.id || sender.id !== runtimeId || !sender.url) return false;
  // Prefix test, not URL.origin: non-web schemes have an opaque origin outside the browser.
  if (sender.url.startsWith(`${extensionOrigin.replace(/\/$/, '')}/`)) return true;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && CONTENT_SCRIPT_HOSTS.has(url.hostname);
}
