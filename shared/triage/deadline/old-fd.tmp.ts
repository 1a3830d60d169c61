import { MONTH_INDEX } from '../../vocabulary';
import { atLocal, dayLabel, localDayIndex, localWeekday, timeLabel } from './local-time';

export interface Deadline {
  dueMs: number;
  /** Calendar days from now's local day to the due day (0 = today, negative = past). */
  dayDiff: number;
  /** "today 5pm", "tomorrow", "Fri", "in 2 hours", "overdue". */
  label: string;
  /** A stated deadline ("by", "due", "EOD") rather than a date merely mentioned. */
  isDeadline: boolean;
  overdue: boolean;
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** An optional clock time after a day word; only counted with am/pm or a colon. */
const TIME = String.raw`(?:,? ?(?:at |by |before |@ ?)?(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?)?`;

const OVERDUE = /\b(?:overdue|past due)\b/g;
const END_OF_DAY = /\b(?:eod|cob|eob|end of (?:the )?(?:day|business)|close of business|tonight)\b/g;
const TODAY = new RegExp(String.raw`\b(today|this (?:morning|afternoon|evening))\b${TIME}`, 'g');
const TOMORROW = new RegExp(String.raw`\b(?:tomorrow|tmrw)\b(?: (?:morning|afternoon|evening))?${TIME}`, 'g');
const WEEKDAY = new RegExp(String.raw`\b(?:(this|next) )?(${WEEKDAYS.join('|')})\b${TIME}`, 'g');
const END_OF_WEEK = /\b(?:end of (?:the )?week|eow)\b/g;
const MONTH_DAY = new RegExp(String.raw`\b(${MONTHS})\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4}))?`, 'g');
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)? (${MONTHS})\b(?:,? (\d{4}))?`, 'g');
const IN_DURATION = /\bin (\d{1,3}|an?|one|two|three|a few) (minutes?|mins?|hours?|hrs?|days?)\b/g;
const BY_TIME = /\b(?:by|before|until|no later than) (\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)/g;

/** One cheap pass says which of the patterns above can match at all. */
const TRIGGERS = new RegExp(
  String.raw`\b(?:(overdue|past due)|(eod|cob|eob|end of|close of|tonight)|(today|this (?:morning|afternoon|evening))|(tomorrow|tmrw)|(${WEEKDAYS.join('|')})|(eow)|(${MONTHS})\.? ?\d|\d{1,2}(?:st|nd|rd|th)? (?:${MONTHS})|(in (?:\d+|an?|one|two|three|a few) (?:min|hour|hr|day))|((?:by|before|until|no later than) \d))`,
  'g',
);
const TRIGGER_GROUPS = 9;

const CUE_BEFORE =
  /\b(?:by|due|before|until|till|deadline|no later than|latest|expires?|expiring|ends?|closes?|submit|send|need(?:ed)?|required|respond|reply|rsvp|complete|finish|deliver|turn in|get back to me)\b[^.!?\n]{0,25}$/;
const CUE_AFTER = /^[^.!?\n]{0,15}\b(?:deadline|due|at the latest)\b/;

const STALE_MS = 36 * 3_600_000;

/** "until today" and "till today" describe the past, not a due date. */
const UNTIL_BEFORE = /\b(?:until|till|up to|even) $/;

function hasCue(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (UNTIL_BEFORE.test(before)) return false;
  return CUE_BEFORE.test(before) || CUE_AFTER.test(text.slice(end, end + 30));
}

function clock(hourText: string | undefined, minuteText: string | undefined, ampm: string | undefined) {
  if (hourText === undefined || (minuteText === undefined && ampm === undefined)) return undefined;
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (ampm?.startsWith('p') && hour < 12) hour += 12;
  if (ampm?.startsWith('a') && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, 'a few': 3 };

interface Scan {
  text: string;
  anchorMs: number;
  nowMs: number;
  tz: number;
  best: Deadline | null;
  bestRank: number;
}

/** Ranks candidates: stated deadlines over mentions, sooner over later. */
function consider(scan: Scan, dueMs: number, label: string, isDeadline: boolean, overdue = false): void {
  if (!overdue && dueMs < scan.nowMs - STALE_MS) return;
  const dayDiff = localDayIndex(dueMs, scan.tz) - localDayIndex(scan.nowMs, scan.tz);
  if (dayDiff > 30) return;
  // An explicit clock time ("5pm") names the deadline better than "EOD" on the same day.
  const rank =
    (isDeadline ? 0 : 1000) + (overdue ? -1 : Math.max(0, dayDiff)) + (/\d(?:am|pm)/.test(label) ? 0 : 0.5);
  if (scan.best && rank >= scan.bestRank) return;
  scan.best = { dueMs, dayDiff, label, isDeadline, overdue };
  scan.bestRank = rank;
}

function dayWithTime(
  scan: Scan,
  dayIndex: number,
  m: RegExpExecArray,
  hourGroup: number,
  fallbackHour: number,
) {
  const time = clock(m[hourGroup], m[hourGroup + 1], m[hourGroup + 2]);
  const due = atLocal(dayIndex, time?.hour ?? fallbackHour, time?.minute ?? 0, scan.tz);
  const day = dayLabel(due, scan.nowMs, scan.tz);
  return { due, label: time ? `${day} ${timeLabel(time.hour, time.minute)}` : day };
}

function resolveYear(scan: Scan, month: number, day: number, yearText: string | undefined): number {
  const anchor = new Date(scan.anchorMs + scan.tz * 60_000);
  if (yearText)
    return atLocal(Math.floor(Date.UTC(Number(yearText), month, day) / 86_400_000), 17, 0, scan.tz);
  let year = anchor.getUTCFullYear();
  const candidate = Date.UTC(year, month, day);
  // Dates without a year mean the nearest one: "Jan 3" written in December is next year's.
  if (candidate < scan.anchorMs - 180 * 86_400_000) year++;
  else if (candidate > scan.anchorMs + 180 * 86_400_000) year--;
  return atLocal(Math.floor(Date.UTC(year, month, day) / 86_400_000), 17, 0, scan.tz);
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
}

/**
 * Finds the most pressing deadline or date in lower-cased text. Relative words ("tomorrow") count
 * from the message's own date (anchorMs) and are compared with now.
 */
export function findDeadline(text: string, anchorMs: number, nowMs: number, tz: number): Deadline | null {
  const scan: Scan = { text, anchorMs, nowMs, tz, best: null, bestRank: Number.POSITIVE_INFINITY };
  const anchorDay = localDayIndex(anchorMs, tz);
  const present = new Array<boolean>(TRIGGER_GROUPS + 1).fill(false);
  let any = false;
  for (const m of text.matchAll(TRIGGERS)) {
    any = true;
    for (let g = 1; g <= TRIGGER_GROUPS; g++) if (m[g] !== undefined) present[g] = true;
    // Day-first dates ("3 Dec") have no group of their own.
    if (m[0].charCodeAt(0) <= 57) present[7] = true;
  }
  if (!any) return null;

  if (present[1]) each(OVERDUE, text, () => consider(scan, nowMs, 'overdue', true, true));
  if (present[2])
    each(END_OF_DAY, text, (m) => {
      const tonight = m[0] === 'tonight';
      const due = atLocal(anchorDay, tonight ? 21 : 17, 0, tz);
      const day = dayLabel(due, nowMs, tz);
      consider(
        scan,
        due,
        tonight ? (day === 'today' ? 'tonight' : day) : `${day} EOD`,
        !tonight || hasCue(text, m.index, m.index + m[0].length),
      );
    });
  if (present[3])
    each(TODAY, text, (m) => {
      const part = m[1] ?? '';
      const fallback = part.endsWith('morning') ? 12 : 17;
      const { due, label } = dayWithTime(scan, anchorDay, m, 2, fallback);
      consider(scan, due, label, hasCue(text, m.index, m.index + m[0].length));
    });
  if (present[4])
    each(TOMORROW, text, (m) => {
      const { due, label } = dayWithTime(scan, anchorDay + 1, m, 1, 17);
      consider(scan, due, label, hasCue(text, m.index, m.index + m[0].length));
    });
  if (present[5])
    each(WEEKDAY, text, (m) => {
      const target = WEEKDAYS.indexOf(m[2] ?? '');
      let diff = (target - localWeekday(anchorMs, tz) + 7) % 7;
      if (m[1] === 'next' && diff === 0) diff = 7;
      const { due, label } = dayWithTime(scan, anchorDay + diff, m, 3, 17);
      consider(scan, due, label, hasCue(text, m.index, m.index + m[0].length));
    });
  if (present[6] || present[2])
    each(END_OF_WEEK, text, () => {
      const diff = (5 - localWeekday(anchorMs, tz) + 7) % 7;
      const due = atLocal(anchorDay + diff, 17, 0, tz);
      consider(scan, due, `${dayLabel(due, nowMs, tz)} (end of week)`, true);
    });
  const monthDay = (m: RegExpExecArray, monthText: string, dayText: string, yearText: string | undefined) => {
    const month = MONTH_INDEX[monthText.slice(0, 3)];
    const day = Number(dayText);
    if (month === undefined || day < 1 || day > 31) return;
    const due = resolveYear(scan, month, day, yearText);
    consider(scan, due, dayLabel(due, nowMs, tz), hasCue(text, m.index, m.index + m[0].length));
  };
  if (present[7]) each(MONTH_DAY, text, (m) => monthDay(m, m[1] ?? '', m[2] ?? '', m[3]));
  if (present[7]) each(DAY_MONTH, text, (m) => monthDay(m, m[2] ?? '', m[1] ?? '', m[3]));
  if (present[8])
    each(IN_DURATION, text, (m) => {
      const amountText = m[1] ?? '1';
      const amount = WORD_NUMBERS[amountText] ?? Number(amountText);
      const unit = m[2] ?? '';
      // "in a minute" is a figure of speech.
      if (amount === 1 && !unit.startsWith('d') && !/\d/.test(amountText)) return;
      const unitMs = unit.startsWith('d') ? 86_400_000 : unit.startsWith('h') ? 3_600_000 : 60_000;
      if (!Number.isFinite(amount)) return;
      const due = anchorMs + amount * unitMs;
      const label = unit.startsWith('d') ? dayLabel(due, nowMs, tz) : `in ${amountText} ${unit}`;
      consider(scan, due, label, hasCue(text, m.index, m.index + m[0].length));
    });
  if (present[9])
    each(BY_TIME, text, (m) => {
      const time = clock(m[1], m[2], m[3]);
      if (!time) return;
      const due = atLocal(anchorDay, time.hour, time.minute, tz);
      consider(scan, due, `${dayLabel(due, nowMs, tz)} ${timeLabel(time.hour, time.minute)}`, true);
    });
  return scan.best;
}
