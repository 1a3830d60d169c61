import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import type { MessageFacts } from '../message-facts';

const URGENT = /\b(?:asap|urgent(?:ly)?|immediately|right away|as soon as possible|time[- ]sensitive)\b/;

/**
 * "ASAP" only counts when something real backs it: a stated deadline, a sender the user trusts,
 * or a person writing straight to the user. Otherwise it is shouting, and shouting is not urgency.
 */
export function urgentWordsRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  if (ev.spam >= 1.5 || ev.suspicious || f.bulk || f.automated) return;
  // A reply inherits its subject: "Re: URGENT …" says how the thread began, not what this mail asks.
  const own = f.isReply ? f.lower.slice(f.subjectLower.length) : f.lower;
  if (!URGENT.test(own)) return;
  const stats = ctx.senderStats[f.fromEmail];
  const known = ev.backed || (stats !== undefined && stats.replied > 0);
  if (ev.hasDeadline || known || f.toUser === true) {
    addReason(ev, 'urgent-words', 'marked urgent by the sender', 1.5);
  }
}
