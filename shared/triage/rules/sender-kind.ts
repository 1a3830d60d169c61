import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';

const NO_REPLY = /^(?:no-?reply|do-?not-?reply|donotreply)/;
const DAEMON = /^(?:mailer-daemon|postmaster)/;
const NOTIFIER = /notif|alert|daemon|^(?:jira|builds?|ci)\b/;

/** Robot senders (no-reply, notifications, alerts) are notifications unless a later rule says more. */
export function senderKindRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (!f.automated || !f.fromEmail) return;
  if (DAEMON.test(f.fromLocal)) {
    addReason(ev, 'sender-kind', 'delivery report from the mail system', -1.5);
    vote(ev, 'notification', 3);
  } else if (NO_REPLY.test(f.fromLocal)) {
    addReason(ev, 'sender-kind', 'automated sender: no-reply address', -1.5);
    vote(ev, 'notification', 2.5);
  } else if (!f.bulk) {
    addReason(ev, 'sender-kind', `automated sender: ${f.fromLocal.slice(0, 20)}@`, -1);
    vote(ev, 'notification', 2);
  } else if (NOTIFIER.test(f.fromLocal)) {
    // GitHub, Jira and the like send through lists; they are still notifications, not newsletters.
    vote(ev, 'notification', 2.2);
  }
}
