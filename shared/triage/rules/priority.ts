import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';

/** Mail about one of the user's own priorities goes up; spam that name-drops a project does not. */
export function priorityRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  if (ctx.priorities.terms.length === 0 || ev.spam >= 2) return;
  const term = ctx.priorities.match(`${f.subjectLower}\n${f.snippetLower}`);
  if (!term) return;
  const person = isHuman(f);
  addReason(ev, 'priority', `matches your priority "${term.label}"`, person ? 2 : 0.75);
  // The user's own words back a high rating, as a VIP does; a list mentioning them is only a nudge.
  if (person) ev.backed = true;
}
