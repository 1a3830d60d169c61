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
