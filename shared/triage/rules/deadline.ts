import type { EngineContext } from '../context';
import { findDeadline } from '../deadline/find-deadline';
import { atLocal, localDayIndex, localWeekday } from '../deadline/local-time';
import { addReason, type Evidence, vote } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';
import { ASK, NEEDS, NO_ASK, QUESTION } from './asks';

/** End of the first working day after today, in the user's zone: what "needs you now" reaches to. */
function nextWorkingDayEnd(nowMs: number, tz: number): number {
  let day = localDayIndex(nowMs, tz) + 1;
  let weekday = (localWeekday(nowMs, tz) + 1) % 7;
  while (weekday === 0 || weekday === 6) {
    day++;
    weekday = (weekday + 1) % 7;
  }
  return atLocal(day, 23, 59, tz);
}

/**
 * Deadlines: due within about the next working day, or passed earlier today, → high; within a few
 * days → medium. Lists and spam get little lift.
 */
export function deadlineRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  // Relative words count from when the mail was written, unless its date is in the future.
  const anchor = f.dateMs !== undefined && f.dateMs <= ctx.nowMs ? f.dateMs : ctx.nowMs;
  const found = findDeadline(f.lower, anchor, ctx.nowMs, ctx.tzOffsetMin, {
    writerTz: f.dateTz ?? ctx.tzOffsetMin,
  });
  if (!found) return;
  let weight: number;
  let text: string;
  const noAsk = NO_ASK.test(f.lower);
  if (found.isDeadline) {
    text = found.overdue ? found.label : `due ${found.label}`;
    const soon = found.dueMs <= nextWorkingDayEnd(ctx.nowMs, ctx.tzOffsetMin);
    // "The office closes at 5pm" names a time; only a mail asking for something makes it the user's.
    const asks = !noAsk && (NEEDS.test(f.lower) || ASK.test(f.lower) || QUESTION.test(f.text));
    // A deadline that passed earlier today still waits on the user; one from days ago is history.
    if (found.overdue) weight = !isHuman(f) ? 0 : found.dayDiff === 0 && asks ? 5 : 0.5;
    else if (found.dayDiff <= 0) weight = asks ? 5 : 2;
    else if (soon) weight = asks ? 4.2 : 1.5;
    else weight = found.dayDiff <= 3 ? 3 : found.dayDiff <= 7 ? 1.5 : 0.5;
    if (!soon && !found.overdue) ev.dueLater = true;
  } else {
    text = `mentions ${found.label}`;
    weight = found.overdue ? 0 : found.dayDiff <= 0 ? 1.5 : found.dayDiff <= 3 ? 0.5 : 0;
    if (found.dayDiff > 1) ev.dueLater = true;
  }
  // "No action needed": whatever date the mail names is not the user's to meet.
  if (noAsk) weight = Math.min(weight, 0.5);
  // A sale that "ends today" is not the user's deadline; neither is a spammer's.
  const trusted = !f.bulk && ev.spam < 2 && !ev.suspicious;
  // Mail that names the user in neither To nor Cc (a list, a Bcc) carries someone else's deadline.
  const notForUser = f.toUser === false && !f.ccUser;
  if (!trusted) weight = Math.min(weight, 0.5);
  else if (notForUser) weight = Math.min(weight, 1);
  else if (!isHuman(f)) weight *= 0.7;
  else if (f.ccUser) weight *= 0.6;
  // Without the user's address, bulk senders' "due today" looks like a colleague's: a deadline alone
  // lifts such mail to medium at most, unless the sender is someone the user deals with.
  // Gmail's own importance marker is its verdict that the mail is for this user: on a list row,
  // which names no recipients, it stands in for the To line.
  const known =
    f.important ||
    ctx.sentTo.has(f.fromEmail) ||
    (ctx.senderStats[f.fromEmail]?.replied ?? 0) > 0 ||
    ctx.vipAddresses.has(f.fromEmail);
  const unaddressed = f.toUser === undefined && !known;
  if (unaddressed) weight *= 0.6;
  if (weight === 0) return;
  addReason(ev, 'deadline', text, weight);
  if (found.isDeadline && trusted && !notForUser) {
    ev.hasDeadline = true;
    if (weight >= 3.5 && !unaddressed) ev.backed = true;
    if (isHuman(f)) vote(ev, 'action', 2.5);
  }
}
