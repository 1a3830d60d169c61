import { detectInjection } from '../untrusted/injection';

/** A sentence ends at . ! or ? followed by space and something that starts a new one. */
const BOUNDARY = /(?<=[.!?])\s+(?=["'([]?[A-Z0-9])/;
/** Sentences made only of these words acknowledge; they do not inform. */
const COURTESY_WORDS = new Set(
  'thanks thank you thx cheers ok okay great sounds good perfect got it noted will do sure awesome cool yes many a lot so much again all for'.split(
    ' ',
  ),
);
const MAX_SENTENCE_CHARS = 300;
/** Enough for any real message; a pathological paragraph does not produce thousands of sentences. */
const MAX_SENTENCES = 200;

export function splitSentences(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    for (const piece of paragraph.split(BOUNDARY)) {
      const sentence = piece.trim();
      if (sentence.length > 0) out.push(shorten(sentence));
      if (out.length >= MAX_SENTENCES) return out;
    }
  }
  return out;
}

export function shorten(text: string, max = MAX_SENTENCE_CHARS): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}

/** Says something: more than a courtesy, and not text aimed at an AI (that is data, never a point). */
export function isMeaningful(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length < 2) return false;
  if (words.every((word) => COURTESY_WORDS.has(word.toLowerCase().replace(/[^\p{L}]/gu, '')))) return false;
  return !detectInjection(sentence).suspicious;
}
