import type { EngineContext } from '../context';
import { findDeadline } from '../deadline/find-deadline';
import { addReason, type Evidence, vote } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';

/** Deadlines: due today or overdue → high, within ~3 days → medium. Lists and spam get little lift. */
export function deadlineRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  // Relative words count from when the mail was written, unless its date is in the future.
  const anchor = f.dateMs !== undefined && f.dateMs <= ctx.nowMs ? f.dateMs : ctx.nowMs;
  const found = findDeadline(f.lower, anchor, ctx.nowMs, ctx.tzOffsetMin);
  if (!found) return;
  let weight: number;
  let text: string;
  if (found.isDeadline) {
    text = found.overdue ? 'overdue' : `deadline ${found.label}`;
    weight =
      found.overdue || found.dayDiff <= 0 ? 5 : found.dayDiff <= 3 ? 3 : found.dayDiff <= 7 ? 1.5 : 0.5;
  } else {
    text = `mentions ${found.label}`;
    weight = found.dayDiff <= 0 ? 1.5 : found.dayDiff === 1 ? 1 : 0.5;
  }
  // A sale that "ends today" is not the user's deadline; neither is a spammer's.
  const trusted = !f.bulk && ev.spam < 2;
  // Mail that names the user in neither To nor Cc (a list, a Bcc) carries someone else's deadline.
  const notForUser = f.toUser === false && !f.ccUser;
  if (!trusted) weight = Math.min(weight, 0.5);
  else if (notForUser) weight = Math.min(weight, 1);
  else if (!isHuman(f)) weight *= 0.7;
  else if (f.ccUser) weight *= 0.6;
  addReason(ev, 'deadline', text, weight);
  if (found.isDeadline && trusted && !notForUser) {
    ev.hasDeadline = true;
    if (weight >= 3.5) ev.backed = true;
    if (isHuman(f)) vote(ev, 'action', 2.5);
  }
}
