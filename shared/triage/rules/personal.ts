import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';

/** A person writing to the user directly is personal (or action, when a request rule says so). */
export function personalRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (!isHuman(f) || ev.spam >= 2) return;
  if (f.toUser === true && f.to.length <= 5) {
    addReason(ev, 'personal', 'from a person, to you', 1);
    vote(ev, 'personal', 1.5);
  } else if (f.ccUser) {
    addReason(ev, 'personal', "you're cc'd", 0.3);
    vote(ev, 'personal', 1.2);
  } else if (f.toUser === undefined && f.to.length <= 3) {
    addReason(ev, 'personal', 'from a person', 0.8);
    vote(ev, 'personal', 1.5);
  } else {
    vote(ev, 'personal', 1);
  }
  if (f.isReply) addReason(ev, 'conversation', 'reply in a conversation', 0.3);
}
