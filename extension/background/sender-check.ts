/**
 * Who may talk to the background: our own content scripts, on the sites they are declared for, and
 * our own extension pages. Chrome fills `sender` itself, so a web page cannot fake these fields, but it can
 * try to reach us through other channels; anything unexpected is refused.
 */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

/**
 * Hosts where a Brody content script is declared (wxt.config / entrypoints). mail.google.com has
 * the Gmail script; calendar.google.com is listed ahead of its content script, which is being added.
 * A host without a declared script must not be here: nothing of ours runs there to speak for it.
 */
const CONTENT_SCRIPT_HOSTS = new Set(['mail.google.com', 'calendar.google.com']);

/** An extension page (options, popup), not a content script inside a web page. */
export function isExtensionPage(sender: SenderInfo, extensionOrigin: string): boolean {
  // Prefix test, not URL.origin: non-web schemes have an opaque origin outside the browser.
  return sender.url?.startsWith(`${extensionOrigin.replace(/\/$/, '')}/`) === true;
}

export function isTrustedSender(sender: SenderInfo, runtimeId: string, extensionOrigin: string): boolean {
  if (!sender.id || sender.id !== runtimeId || !sender.url) return false;
  if (isExtensionPage(sender, extensionOrigin)) return true;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // The frame's own origin, when Chrome reports it, must agree with its URL.
  if (sender.origin !== undefined && sender.origin !== url.origin) return false;
  return url.protocol === 'https:' && CONTENT_SCRIPT_HOSTS.has(url.hostname);
}
