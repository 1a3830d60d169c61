import { findDeadline } from '../triage/deadline/find-deadline';
import { localDate } from '../triage/deadline/local-time';

/** Minutes east of UTC stated in an ISO date ("…-05:00" → -300, "Z" or none → 0). */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The date a sentence names ("by Thursday", "tomorrow 5pm", "Mar 14"), as YYYY-MM-DD in the
 * writer's own time zone, counted from the day the message was written.
 */
export function dueDateIn(sentence: string, messageDate: string | undefined): string | undefined {
  if (messageDate === undefined) return undefined;
  const anchorMs = Date.parse(messageDate);
  if (!Number.isFinite(anchorMs)) return undefined;
  const tz = offsetMinutes(messageDate);
  // "now" is the message's own date: a task keeps its stated date however late the summary is read.
  const found = findDeadline(sentence.toLowerCase(), anchorMs, anchorMs, tz);
  if (found === null || found.overdue) return undefined;
  return localDate(found.dueMs, tz).toISOString().slice(0, 10);
}
