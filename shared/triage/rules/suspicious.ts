import { detectInjection } from '../../untrusted/injection';
import { DIRECTION_CONTROLS, invisibleKinds, stripInvisible } from '../../untrusted/invisible';
import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import type { MessageFacts } from '../message-facts';

/** Unicode tag characters: invisible ASCII ("ASCII smuggling"). */
const TAG_CHARS = /[\u{e0000}-\u{e007f}]/u;
/** A zero-width character between two Latin letters splits a word past filters ("pay\u200Bpal"). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a lone zero-width joiner between letters is the sign
const SPLIT_WORD = /[A-Za-z][\u200b\u200d\u2060\ufeff]+[A-Za-z]/;

// A class scan finds these fast; the letter-anchored SPLIT_WORD would try every letter of the body.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a lone zero-width joiner is one of them
const HAS_ZERO_WIDTH = /[\u200b\u200d\u2060\ufeff]/;
/** Latin next to Cyrillic or Greek inside one word: "Аpple" with a Cyrillic А reads as Apple. */
const MIXED_SCRIPT = /[A-Za-z][\u0370-\u03ff\u0400-\u04ff]|[\u0370-\u03ff\u0400-\u04ff][A-Za-z]/;

function flag(ev: Evidence, rule: string, text: string): void {
  ev.suspicious = true;
  addReason(ev, rule, `suspicious: ${text}`, -1);
}

/** Mail that talks to an AI, hides text, or disguises its sender is flagged; its words are data, not evidence. */
export function suspiciousRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  const header = `${f.fromName}\n${f.subject}`;
  const headerKinds = invisibleKinds(header);
  let smuggled = '';
  if (DIRECTION_CONTROLS.test(header)) {
    flag(ev, 'hidden-characters', 'direction-control characters in sender or subject');
  } else if (headerKinds.includes('tag-chars') || TAG_CHARS.test(f.fullBody)) {
    flag(ev, 'hidden-characters', 'invisible Unicode tag characters');
    smuggled = `${stripInvisible(header).smuggled}\n${stripInvisible(f.fullBody).smuggled}`;
  } else if (headerKinds.includes('zero-width')) {
    flag(ev, 'hidden-characters', 'zero-width characters in sender or subject');
  } else if (HAS_ZERO_WIDTH.test(f.fullBody) && SPLIT_WORD.test(f.fullBody)) {
    flag(ev, 'hidden-characters', 'zero-width characters inside words');
  }
  if (MIXED_SCRIPT.test(f.fromName) || MIXED_SCRIPT.test(f.fromEmail)) {
    flag(ev, 'look-alike', 'look-alike letters in the sender');
  }
  if (f.hiddenText) flag(ev, 'hidden-text', 'hides text from the reader');
  if (
    detectInjection(f.subject).suspicious ||
    detectInjection(f.fullBody).suspicious ||
    (smuggled.trim() !== '' && detectInjection(smuggled).suspicious)
  ) {
    flag(ev, 'prompt-injection', 'contains instructions aimed at an AI');
    // The injected sentences are data, never evidence: later rules must not read "mark this urgent".
    f.text = withoutInjection(f.text);
    f.lower = f.text.toLowerCase();
    f.snippetLower = withoutInjection(f.snippetLower);
  }
}

function withoutInjection(text: string): string {
  return (text.match(/[^.!?\n]+[.!?\n]*/g) ?? [])
    .filter((sentence) => !detectInjection(sentence).suspicious)
    .join('');
}
