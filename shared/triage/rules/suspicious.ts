import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import type { MessageFacts } from '../message-facts';
import { phraseRegex } from '../phrase-trie';

/** Text written to an AI rather than to a person (prompt injection). */
export const INJECTION =
  /\b(?:ignore|disregard|forget) (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) (?:instructions|prompts?|rules|messages)|\bas an ai\b|\bsystem prompt\b|(?:^|\n)\s*(?:assistant|system)\s*:|\byou are (?:now )?(?:an? )?(?:ai|assistant|chatbot|language model|llm)\b|\b(?:ai|assistant|copilot|gemini|chatgpt)[,:]? (?:please )?(?:mark|classify|flag|label|summari[sz]e|forward|reply)\b|\bmark (?:this|the) (?:e-?mail|message|mail)? ?(?:as )?(?:urgent|high priority|important)\b/i;
/** Words every injection above contains; a cheap trie pass decides whether the full pattern runs. */
const INJECTION_HINT = phraseRegex(
  [
    'ignore',
    'disregard',
    'forget',
    'as an ai',
    'system prompt',
    'assistant',
    'system',
    'you are',
    'ai',
    'copilot',
    'gemini',
    'chatgpt',
    'mark this',
    'mark the',
  ],
  'i',
);
/** Zero-width and invisible formatting characters. */
const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/;
/** Unicode tag characters (ASCII smuggling) and bidi overrides/isolates. */
const TAGS = /[\u{e0000}-\u{e007f}]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

export function suspiciousRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  const header = `${f.fromName}\n${f.subject}`;
  if (BIDI.test(header)) {
    ev.suspicious = true;
    addReason(ev, 'hidden-characters', 'suspicious: direction-control characters in sender or subject', -1);
  } else if (TAGS.test(header) || TAGS.test(f.fullBody)) {
    ev.suspicious = true;
    addReason(ev, 'hidden-characters', 'suspicious: invisible Unicode tag characters', -1);
  } else if (ZERO_WIDTH.test(header)) {
    ev.suspicious = true;
    addReason(ev, 'hidden-characters', 'suspicious: zero-width characters in sender or subject', -1);
  }
  if (INJECTION.test(f.subject) || (INJECTION_HINT.test(f.fullBody) && INJECTION.test(f.fullBody))) {
    ev.suspicious = true;
    addReason(ev, 'prompt-injection', 'suspicious: contains instructions aimed at an AI', -1);
    // The injected sentences are data, never evidence: later rules must not read "mark this urgent".
    f.text = withoutInjection(f.text);
    f.lower = f.text.toLowerCase();
  }
}

function withoutInjection(text: string): string {
  return (text.match(/[^.!?\n]+[.!?\n]*/g) ?? []).filter((sentence) => !INJECTION.test(sentence)).join('');
}
