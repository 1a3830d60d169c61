/**
 * Calendar's "When" line → start and end as ISO date-times with offset. Calendar writes it for
 * people ("Thursday, December 3⋅10:00 – 11:00am", "December 3 – 4, 2026", "Thu, Dec 3, 10pm – Fri,
 * Dec 4, 1am", "(GMT+01:00) Paris"), so the parser accepts the shapes Calendar uses in English and
 * answers null for anything else rather than guessing a time the user would then trust.
 */
export interface EventTime {
  start: string;
  end?: string;
  allDay: boolean;
  /** IANA zone the times were read in, or a fixed "UTC+hh:mm" when the text named an offset. */
  timeZone: string;
}

export interface WhenContext {
  /** The user's zone (the page's Intl zone) when the text names none. */
  timeZone: string;
  /** A year known from elsewhere (a day column's data-datekey, the URL). */
  year?: number;
  now?: Date;
}

interface DayParts {
  year?: number;
  month: number;
  day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s*/gi;
const DATE = /([a-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?|(\d{1,2})\s+([a-z]{3,9})\.?(?:,?\s+(\d{4}))?/i;
const TIME = /(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/i;
const OFFSET = /\(?\s*(?:GMT|UTC)\s*(?:([+-−])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)?/i;

function monthIndex(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? -1 : index + 1;
}

function parseDay(text: string): DayParts | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const month = monthIndex(match[1] ?? match[5] ?? '');
  const day = Number(match[2] ?? match[4]);
  if (month < 1 || day < 1 || day > 31) return null;
  const year = match[3] ?? match[6];
  return year ? { year: Number(year), month, day } : { month, day };
}

interface ClockTime {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

function parseClock(text: string): ClockTime | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'noon') return { hour: 12, minute: 0, meridiem: 'pm' };
  if (trimmed === 'midnight') return { hour: 0, minute: 0 };
  const match = TIME.exec(trimmed);
  if (match?.index !== 0) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  const meridiem = match[3] ? (match[3].startsWith('p') ? 'pm' : 'am') : undefined;
  return meridiem ? { hour, minute, meridiem } : { hour, minute };
}

function to24(time: ClockTime, meridiem = time.meridiem): number {
  if (!meridiem || time.hour > 12) return time.hour * 60 + time.minute;
  const hour = (time.hour % 12) + (meridiem === 'pm' ? 12 : 0);
  return hour * 60 + time.minute;
}

/** Minutes east of UTC that `zone` has at the instant `utcMs`. */
export function offsetMinutes(zone: string, utcMs: number): number {
  const fixed = /^UTC([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A wall-clock time in `zone` as ISO 8601 with that zone's offset at that moment. */
export function zonedIso(day: Required<DayParts>, minutes: number, zone: string): string {
  const wall = Date.UTC(day.year, day.month - 1, day.day, 0, minutes);
  // Two passes: the offset can differ on either side of a daylight-saving change.
  let offset = offsetMinutes(zone, wall);
  offset = offsetMinutes(zone, wall - offset * 60_000);
  const local = new Date(wall);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function withYear(day: DayParts, context: WhenContext, fallback?: number): Required<DayParts> {
  if (day.year) return day as Required<DayParts>;
  const year = fallback ?? context.year;
  if (year) return { ...day, year };
  // No year anywhere: the nearest such date to today, since the dialog shows events around now.
  const now = context.now ?? new Date();
  const candidates = [-1, 0, 1].map((delta) => now.getFullYear() + delta);
  const best = candidates.reduce((a, b) =>
    Math.abs(Date.UTC(a, day.month - 1, day.day) - now.getTime()) <=
    Math.abs(Date.UTC(b, day.month - 1, day.day) - now.getTime())
      ? a
      : b,
  );
  return { ...day, year: best };
}

function nextDay(day: Required<DayParts>): Required<DayParts> {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function readZone(text: string, context: WhenContext): { zone: string; rest: string } {
  const match = OFFSET.exec(text);
  if (!match || !/gmt|utc/i.test(match[0])) return { zone: context.timeZone, rest: text };
  const sign = match[1] === '-' || match[1] === '−' ? '-' : '+';
  const zone = `UTC${sign}${pad(Number(match[2] ?? 0))}:${pad(Number(match[3] ?? 0))}`;
  return { zone, rest: text.replace(match[0], ' ') };
}

export function parseWhen(raw: string, context: WhenContext): EventTime | null {
  const flat = raw
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s*[⋅·•|]\s*/g, ' | ')
    .replace(/\s+(?:[–—-]|to)\s+|[–—]/g, ' – ')
    .replace(/\s+/g, ' ')
    .trim();
  const { zone, rest } = readZone(flat, context);
  const text = rest.replace(WEEKDAY, '').replace(/\s+/g, ' ').trim();
  const [left = '', right] = text.split(' – ').map((part) => part.trim());
  const leftDay = parseDay(left);
  if (!leftDay) return null;
  const leftTimeText =
    left.split(/\s\|\s|,\s*(?=\d{1,2}(?::|\s*[ap]m|\b))|\s(?=\d{1,2}(?::\d{2})?\s*[ap]m\b)/i).at(-1) ?? '';
  const leftClock = leftTimeText === left ? null : parseClock(leftTimeText.replace(/^\|\s*/, ''));
  const rightDay = right ? parseDay(right.replace(/^\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s*(?=$)/i, '')) : null;
  const rightClockText = right?.split(/,\s*|\s\|\s/).at(-1) ?? '';
  const rightClock = right ? parseClock(rightClockText) : null;

  if (!leftClock) {
    // All-day: "December 3", "December 3 – 5, 2026", "December 30, 2026 – January 2, 2027".
    const endDayOnly = right && /^\d{1,2}(?:,\s*\d{4})?$/.test(right) ? right.split(',') : null;
    const endYear = endDayOnly?.[1] ? Number(endDayOnly[1]) : (rightDay?.year ?? leftDay.year);
    const first = withYear(leftDay, context, endYear);
    const lastParts: DayParts | null = endDayOnly
      ? { month: leftDay.month, day: Number(endDayOnly[0]), year: first.year }
      : rightDay;
    const last = lastParts ? withYear(lastParts, context, first.year) : first;
    return {
      start: zonedIso(first, 0, zone),
      end: zonedIso(nextDay(last), 0, zone),
      allDay: true,
      timeZone: zone,
    };
  }
  const startDay = withYear(leftDay, context, rightDay?.year);
  if (!right || !rightClock)
    return { start: zonedIso(startDay, to24(leftClock), zone), allDay: false, timeZone: zone };
  const endDay = rightDay ? withYear(rightDay, context, startDay.year) : startDay;
  const endMinutes = to24(rightClock);
  let startMinutes = to24(leftClock, leftClock.meridiem ?? rightClock.meridiem);
  // "11:30 – 1:00pm" is 11:30 in the morning: borrowing "pm" would put the start after the end.
  if (!leftClock.meridiem && !rightDay && startMinutes > endMinutes) startMinutes = to24(leftClock, 'am');
  return {
    start: zonedIso(startDay, startMinutes, zone),
    end: zonedIso(endDay, endMinutes, zone),
    allDay: false,
    timeZone: zone,
  };
}

/** `data-datekey` → the day it stands for: years since 1970, month and day packed in bits. */
export function decodeDateKey(raw: string | null | undefined): Required<DayParts> | null {
  const key = Number(raw);
  if (!Number.isInteger(key) || key <= 0) return null;
  const day = { year: (key >> 9) + 1970, month: (key >> 5) & 15, day: key & 31 };
  return day.month >= 1 && day.month <= 12 && day.day >= 1 ? day : null;
}

export function encodeDateKey(year: number, month: number, day: number): number {
  return ((year - 1970) << 9) | (month << 5) | day;
}
