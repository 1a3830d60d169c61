/**
 * Topic words for sender-topic rules. A rule must survive small subject changes ("Re:", a new
 * invoice number) yet not match everything the sender writes, so it keeps the few longest words
 * that are not filler.
 */

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for from with about into over after before as is are was were be been ' +
    'this that these those it its i you he she we they me my your our their his her them us not no yes do does did ' +
    'have has had will would can could should may might must shall just so than then there here what when where who ' +
    'why how all any some each per via re fw fwd aw sv wg tr your please thanks thank hi hello hey dear regarding ' +
    'update updates new quick question follow up following info information today tomorrow week weekly monthly ' +
    'project meeting call email mail message team request reminder notice'
  ).split(' '),
);

const PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|wg|tr|antw)\s*(?:\[\d+\])?\s*:\s*)+/i;
const MAX_TOPIC_WORDS = 3;

/** Lower-cased words of a subject, without reply/forward prefixes; digits-only and mixed codes dropped. */
export function subjectWords(subject: string): string[] {
  const words =
    subject
      .replace(PREFIX, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  return words.map((w) => w.replace(/['’-]+$/, ''));
}

/** The 1–3 most distinctive words of a subject, in subject order: what a sender-topic rule stores. */
export function ruleTopic(subject: string): string[] {
  const seen = new Set<string>();
  const candidates: { word: string; index: number }[] = [];
  subjectWords(subject).forEach((word, index) => {
    if (seen.has(word) || STOP_WORDS.has(word) || /\p{N}/u.test(word) || word.length < 3) return;
    seen.add(word);
    candidates.push({ word, index });
  });
  return candidates
    .sort((a, b) => b.word.length - a.word.length || a.index - b.index)
    .slice(0, MAX_TOPIC_WORDS)
    .sort((a, b) => a.index - b.index)
    .map((c) => c.word);
}
