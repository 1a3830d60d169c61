/**
 * Characters a reader cannot see but a model reads: they split words past filters ("pay\u200Bpal"),
 * smuggle whole instructions (Unicode tag characters spell ASCII invisibly), or reorder what a
 * sender name appears to say (right-to-left override).
 */

export type InvisibleFlag = 'zero-width' | 'tag-chars' | 'bidi';

export interface InvisibleResult {
  text: string;
  flags: InvisibleFlag[];
  /** ASCII spelled by tag characters, so injection checks can read what was smuggled. */
  smuggled: string;
}

// Soft hyphen, Mongolian vowel separator and invisible math operators hide the same way as ZWSP.
const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
// Tag block, plus the variation-selector supplement that "emoji smuggling" encodes bytes in.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: lone variation selectors are exactly what we strip
const TAG_CHARS = /[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Non-global twins for tests: a global regex's `test` carries lastIndex between calls.
const ZERO_WIDTH_ANY = new RegExp(ZERO_WIDTH.source);
const TAG_ANY = new RegExp(TAG_CHARS.source, 'u');
const BIDI_ANY = new RegExp(BIDI.source);

/**
 * Embeddings, overrides and isolates reorder what a reader sees; the plain direction marks (LRM, RLM,
 * ALM) only nudge neutral characters and are everyday right-to-left text, so they do not count.
 */
export const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Which kinds of invisible characters a text holds, without building a cleaned copy. */
export function invisibleKinds(text: string): InvisibleFlag[] {
  const kinds: InvisibleFlag[] = [];
  if (ZERO_WIDTH_ANY.test(text)) kinds.push('zero-width');
  if (TAG_ANY.test(text)) kinds.push('tag-chars');
  if (BIDI_ANY.test(text)) kinds.push('bidi');
  return kinds;
}

export function stripInvisible(input: string): InvisibleResult {
  const flags: InvisibleFlag[] = [];
  let smuggled = '';
  let text = input;

  if (ZERO_WIDTH.test(text)) {
    flags.push('zero-width');
    text = text.replace(ZERO_WIDTH, '');
  }
  ZERO_WIDTH.lastIndex = 0;

  if (TAG_CHARS.test(text)) {
    flags.push('tag-chars');
    text = text.replace(TAG_CHARS, (char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code >= 0xe0020 && code <= 0xe007e) smuggled += String.fromCharCode(code - 0xe0000);
      return '';
    });
  }
  TAG_CHARS.lastIndex = 0;

  if (BIDI.test(text)) {
    flags.push('bidi');
    text = text.replace(BIDI, '');
  }
  BIDI.lastIndex = 0;

  return { text, flags, smuggled };
}
