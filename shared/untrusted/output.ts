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
// Host with a path or query but no scheme: renderers that auto-link would still fetch it.
// Bounded and anchored like the email pattern in redact.ts, so long dotted runs stay linear.
const BARE_URL =
  /(?<![a-z0-9.-])(?:www\.)?(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?::\d{1,5})?[/?#][^\s<>"'`)\]}]*/gi;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

function keepIfInMail(url: string, mail: string): string {
  const clean = url.replace(TRAILING_PUNCTUATION, '');
  const trail = url.slice(clean.length);
  return mail.includes(clean) ? url : LINK_REMOVED + trail;
}

/**
 * Model output → plain text that is safe to show. Images and reference-style links are how
 * EchoLeak and the Superhuman leak exfiltrated data, so they go entirely; a URL survives only if it
 * appeared verbatim in the mail itself, which also defeats a prefilled form on an allow-listed host.
 */
export function sanitizeModelText(text: string, originalMailText: string): string {
  let out = stripInvisible(text.slice(0, MAX_MODEL_TEXT)).text;
  out = out.replace(HTML_COMMENT, '');
  out = out.replace(MD_IMAGE, '');
  out = out.replace(MD_REF_DEFINITION, '');
  out = out.replace(MD_LINK, (_whole, label: string) => label);
  out = out.replace(MD_REF_LINK, (_whole, label: string) => label);
  out = out.replace(AUTOLINK, '$1');
  out = out.replace(HTML_TAG, '');
  out = out.replace(DANGEROUS_URI, LINK_REMOVED);
  out = out.replace(SCHEME_URL, (url) => keepIfInMail(url, originalMailText));
  out = out.replace(BARE_URL, (url, offset: number, whole: string) =>
    // Already judged as part of a scheme URL, or the placeholder itself.
    whole.slice(Math.max(0, offset - 3), offset) === '://' ? url : keepIfInMail(url, originalMailText),
  );
  return out
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
