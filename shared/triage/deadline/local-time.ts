/** Calendar arithmetic in the user's offset (minutes east of UTC); all values are UTC epoch ms. */

const DAY = 86_400_000;

export function localDayIndex(ms: number, tzOffsetMin: number): number {
  return Math.floor((ms + tzOffsetMin * 60_000) / DAY);
}

/** Epoch ms of `hour:minute` local time on the local day `dayIndex`. */
export function atLocal(dayIndex: number, hour: number, minute: number, tzOffsetMin: number): number {
  return dayIndex * DAY + (hour * 60 + minute - tzOffsetMin) * 60_000;
}

export function localWeekday(ms: number, tzOffsetMin: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((localDayIndex(ms, tzOffsetMin) + 4) % 7) + 7) % 7;
}

export function localDate(ms: number, tzOffsetMin: number): Date {
  return new Date(ms + tzOffsetMin * 60_000);
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "today", "tomorrow", "Fri" within a week, else "Dec 3". */
export function dayLabel(dueMs: number, nowMs: number, tzOffsetMin: number): string {
  const diff = localDayIndex(dueMs, tzOffsetMin) - localDayIndex(nowMs, tzOffsetMin);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff === -1) return 'yesterday';
  const d = localDate(dueMs, tzOffsetMin);
  if (diff > 1 && diff < 7) return WEEKDAY_SHORT[d.getUTCDay()] ?? '';
  return `${MONTH_SHORT[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
}

export function timeLabel(hour: number, minute: number): string {
  const suffix = hour >= 12 ? 'pm' : 'am';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return minute ? `${h}:${String(minute).padStart(2, '0')}${suffix}` : `${h}${suffix}`;
}

/** Minutes since local midnight. */
export function minuteOfDay(ms: number, tzOffsetMin: number): number {
  const local = ms + tzOffsetMin * 60_000;
  return Math.floor((((local % DAY) + DAY) % DAY) / 60_000);
}
