import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import type { MessageFacts } from '../message-facts';

/** The user's own marks (starred) and Gmail's hints (important, unread), when the row shows them. */
export function gmailHintsRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (f.starred) {
    addReason(ev, 'starred', 'you starred it', 2);
    ev.backed = true;
  }
  if (f.important && ev.spam < 2) addReason(ev, 'important', 'Gmail marked it important', 1.5);
  if (f.unread && ev.spam < 2) addReason(ev, 'unread', 'unread', 0.3);
}
