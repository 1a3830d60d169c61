import { stripInvisible } from './invisible';

/** What replaces a link the model produced that the mail did not contain. */
export const LINK_REMOVED = '[link removed]';

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_TAG = /<\/?[a-zA-Z][^>]*>?/g;
// Labels are bounded and stay on one line: an unbounded `[^\]]*` rescans to the end of the text from
// every "[" when no "]" follows, which turns a page of brackets into seconds of work. A longer label
// only means the markdown survives as text; its URL is still checked below.
const LABEL = String.raw`[^\]\n]{0,200}`;
/** Model replies are bounded by max_completion_tokens; anything longer is not a reply we asked for. */
export const MAX_MODEL_TEXT = 20_000;
// Parentheses inside a URL (one level) are allowed, as markdown renderers allow them.
const INLINE_TARGET = String.raw`\((?:[^()\s]|\([^()\n]{0,500}\))*(?:\s+["'][^"'\n]{0,500}["'])?\s*\)`;
const MD_IMAGE = new RegExp(String.raw`!\[${LABEL}\]\s*(?:${INLINE_TARGET}|\[${LABEL}\])`, 'g');
const MD_LINK = new RegExp(String.raw`\[(${LABEL})\]\s*(${INLINE_TARGET})`, 'g');
const MD_REF_LINK = new RegExp(String.raw`\[(${LABEL})\]\s?\[${LABEL}\]`, 'g');
const MD_REF_DEFINITION = new RegExp(String.raw`^[ \t]{0,3}\[${LABEL}\]:[ \t]*\S+.*$`, 'gm');
const AUTOLINK = /<((?:https?|ftp|mailto):[^\s<>]+)>/gi;
const SCHEME_URL = /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`)\]}]+/gi;
const DANGEROUS_URI = /\b(?:javascript|data|vbscript|file):[^\s<>"'`]*/gi;
// Any host-like token without a scheme, with or without a path: renderers that auto-link would still
// fetch it, and a bare host can carry data in its labels. Unicode labels and punycode (xn--) count:
// an IDN host is as fetchable as an ASCII one. Bounded and anchored like the email pattern in
// redact.ts, so long dotted runs stay linear; a host after "@" is an address's, judged with it.
const URL_TAIL = '(?::\\d{1,5})?(?:[/?#][^\\s<>"\'`)\\]}]*)?';
const HOST_TOKEN = new RegExp(
  String.raw`(?<![\p{L}\p{N}\p{M}_.@-])(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?\.){1,8}(?:xn--[a-z0-9-]{1,59}|\p{L}[\p{L}\p{M}]{1,23})(?![\p{L}\p{N}\p{M}_-])${URL_TAIL}`,
  'giu',
);
// Hosts by address: 203.0.113.9/u?d=SECRET, 10.0.0.1:8080/x, [::1]:8080/x.
const IP_TOKEN = new RegExp(
  String.raw`(?<![\p{L}\p{N}.:])(?:(?:\d{1,3}\.){3}\d{1,3}(?![\d.]\d)|\[[0-9a-f:.]{2,45}\])${URL_TAIL}`,
  'giu',
);
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

function keepIfInMail(url: string, mail: string): string {
  const clean = url.replace(TRAILING_PUNCTUATION, '');
  const trail = url.slice(clean.length);
  return mail.includes(clean) ? url : LINK_REMOVED + trail;
}

const MAX_PASSES = 8;

/** Applies `step` until the text stops changing; past the pass limit whatever is left of `<` goes. */
function untilStable(text: string, step: (text: string) => string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current.replaceAll('<', '');
}

/**
 * Model output → plain text that is safe to show. Images and reference-style links are how
 * EchoLeak and the Superhuman leak exfiltrated data, so they go entirely; a URL survives only if it
 * appeared verbatim in the mail itself, which also defeats a prefilled form on an allow-listed host.
 */
export function sanitizeModelText(text: string, originalMailText: string): string {
  let out = stripInvisible(text.slice(0, MAX_MODEL_TEXT)).text;
  out = untilStable(out, (text) => text.replace(HTML_COMMENT, ''));
  out = out.replace(MD_IMAGE, '');
  out = out.replace(MD_REF_DEFINITION, '');
  out = out.replace(MD_LINK, (_whole, label: string) => label);
  out = out.replace(MD_REF_LINK, (_whole, label: string) => label);
  out = out.replace(AUTOLINK, '$1');
  // To a fixpoint: removing `<img>` from `<<img>img src=x onerror=…>` must not leave a new tag.
  out = untilStable(out, (text) => text.replace(HTML_TAG, ''));
  out = out.replace(DANGEROUS_URI, LINK_REMOVED);
  out = out.replace(SCHEME_URL, (url) => keepIfInMail(url, originalMailText));
  const judgeHost = (url: string, offset: number, whole: string) =>
    // Already judged as part of a scheme URL.
    whole.slice(Math.max(0, offset - 3), offset) === '://' ? url : keepIfInMail(url, originalMailText);
  out = out.replace(IP_TOKEN, judgeHost);
  out = out.replace(HOST_TOKEN, judgeHost);
  return out
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
