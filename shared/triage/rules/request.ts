import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';
import { ASK, NO_ASK, QUESTION } from './asks';

/** Questions that close a mail out of politeness and wait on nothing. */
const COURTESY_QUESTION =
  /\b(?:any (?:questions|thoughts|feedback)|(?:how are|how have) you(?: been)?|hope (?:you|all)[^?]{0,30}|how was your (?:weekend|trip|holiday))\?/gi;

/** Questions and requests addressed to the user by a person: action, up. */
export function requestRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  if (!isHuman(f) || ev.spam >= 2) return;
  // "No rush", "no action needed": the sender says nothing waits on the user.
  if (NO_ASK.test(f.lower)) {
    addReason(ev, 'no-ask', 'says nothing is needed from you', -2.5);
    return;
  }
  // On a list or a wide cc the question is for everyone, not the user.
  const direct = f.toUser !== false && f.to.length + f.cc.length <= 8;
  if (!direct) return;
  const asks = ASK.test(f.lower);
  if (asks) {
    addReason(ev, 'request', f.toUser ? 'asks you to do something' : 'asks for something', 2);
    vote(ev, 'action', 3);
  } else if (QUESTION.test(f.text.replace(COURTESY_QUESTION, ''))) {
    // A direct question waits on the user's answer: medium with the person's own lift.
    addReason(ev, 'question', 'asks you a question', 1.7);
    vote(ev, 'action', 2);
  }
  for (const name of ctx.firstNames) {
    if (new RegExp(`\\b${name}\\b`).test(f.lower.slice(0, 300))) {
      addReason(ev, 'by-name', 'addresses you by name', 0.5);
      break;
    }
  }
}
