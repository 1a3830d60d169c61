/**
 * Unicode-safe text limits. Postgres rejects NUL and lone surrogates in jsonb (and NUL in text), and
 * a string sliced by UTF-16 unit can end in half an emoji: so text is cut by code point and cleaned
 * of both before it is stored or shown.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const REPLACEMENT = '\uFFFD';

/** True when the text holds a NUL or a lone surrogate. */
export function hasUnstorableText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** NUL is dropped (it carries nothing readable); a lone surrogate becomes U+FFFD, as decoders do. */
export function wellFormed(text: string): string {
  if (!hasUnstorableText(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, REPLACEMENT);
}

/**
 * At most `max` UTF-16 units (what zod's `.max` and Postgres limits count), never ending inside a
 * surrogate pair. Fast path first: most text fits.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const last = text.charCodeAt(max - 1);
  // The unit at the cut is the high half of a pair whose low half would be cut off.
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * Cuts at a word when one ends in the second half, and marks the cut with an ellipsis; the result,
 * ellipsis included, is at most `max` UTF-16 units.
 */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = cutText(text, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}
