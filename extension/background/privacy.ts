/**
 * What of the user's mail may leave the browser. With AI off, mail content goes only to a Brody API
 * on this computer (loopback), where it never leaves the machine; a deployed API then gets nothing
 * and the page keeps the local rule engine's answers. With AI on, the user has chosen to send what
 * each feature needs to their API, which redacts it before any model sees it.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function maySendMail(apiUrl: string, aiEnabled: boolean): boolean {
  return aiEnabled || isLoopbackUrl(apiUrl);
}

/** Said to the page when mail stays in the browser; the page shows its local result with this note. */
export const MAIL_STAYS_LOCAL =
  'AI is off and your Brody API is not on this computer, so this mail stays in the browser.';
