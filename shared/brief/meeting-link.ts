/**
 * Which links count as a meeting link: https Meet, Zoom or Teams, nothing else. Checked where the
 * page is read and again in the background, so a forged message cannot make the panel offer a
 * `javascript:` or look-alike link.
 */
const MEETING_HOSTS = [
  /^meet\.google\.com$/,
  /^(?:[a-z0-9-]+\.)*zoom\.us$/,
  /^teams\.microsoft\.com$/,
  /^teams\.live\.com$/,
];

/** Calendar routes links in descriptions through google.com/url?q=…; the real target is what counts. */
function unwrapRedirect(url: URL): URL {
  if (!/^www\.google\.[a-z.]+$/.test(url.hostname) || url.pathname !== '/url') return url;
  try {
    return new URL(url.searchParams.get('q') ?? '');
  } catch {
    return url;
  }
}

/** The first https Meet, Zoom or Teams link among `candidates`. */
export function meetingLinkFrom(candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    let url: URL;
    try {
      url = unwrapRedirect(new URL(candidate));
    } catch {
      continue;
    }
    if (url.protocol !== 'https:' || url.username || url.password) continue;
    if (MEETING_HOSTS.some((host) => host.test(url.hostname))) return url.href.slice(0, 2_000);
  }
  return undefined;
}
