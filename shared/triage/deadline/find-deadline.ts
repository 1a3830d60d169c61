import { MONTH_INDEX } from '../../vocabulary';
import { atLocal, dayLabel, localDayIndex, localWeekday, minuteOfDay, timeLabel } from './local-time';

export interface Deadline {
  dueMs: number;
  /** Calendar days from now's local day to the due day (0 = today, negative = past). */
  dayDiff: number;
  /** "today 5pm", "in 30 min", "tomorrow 8am", "Thu", "Nov 25", "overdue since 10am". */
  label: string;
  /** A stated deadline ("by", "due", "EOD") rather than a date merely mentioned. */
  isDeadline: boolean;
  /** The due moment has passed (or the mail says "overdue"). */
  overdue: boolean;
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_FULL = String.raw`(?:sun|mon|tues|wednes|thurs|fri|satur)day`;

/** Zone words after a clock time: "5pm ET", "16:00 UK", "7:00 your time". */
const ZONE = String.raw`(?:,? ?\(?(your time|my time|pt|pst|pdt|pacific|et|est|edt|eastern|ct|cst|cdt|central|mt|mst|mdt|gmt|utc|uk(?: time)?|london(?: time)?|bst|cet|cest|jst|tokyo time)\b\)?)?`;
/** A time of day: "5pm", "10:30 am", "17:00", "noon", "EOD", "tonight", "first thing", "before 11". */
const TIME_RE = new RegExp(
  String.raw`\b(?:(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)|([01]?\d|2[0-3]):([0-5]\d)(?! ?(?:am|pm|a\.m|p\.m))|(noon|midday|midnight)|(eod|cob|eob|end of (?:the )?(?:business )?day|end of business|close of (?:business|play))|(tonight)|(first thing(?: in the morning)?)|(?<=\b(?:by|before|until|till|no later than) )(1[0-2]|[1-9])(?![\d:.,/%]| ?(?:min|hour|hr|day|week|month|year|people|of|per|percent|x\b)))(?![a-z0-9])${ZONE}`,
  'g',
);
const ZONE_OFFSETS: Record<string, [number, number]> = {
  pt: [-480, -420],
  pst: [-480, -480],
  pdt: [-420, -420],
  pacific: [-480, -420],
  et: [-300, -240],
  est: [-300, -300],
  edt: [-240, -240],
  eastern: [-300, -240],
  ct: [-360, -300],
  cst: [-360, -360],
  cdt: [-300, -300],
  central: [-360, -300],
  mt: [-420, -360],
  mst: [-420, -420],
  mdt: [-360, -360],
  gmt: [0, 0],
  utc: [0, 0],
  uk: [0, 60],
  'uk time': [0, 60],
  london: [0, 60],
  'london time': [0, 60],
  bst: [60, 60],
  cet: [60, 120],
  cest: [120, 120],
  jst: [540, 540],
  'tokyo time': [540, 540],
};
/** A day: "today", "tomorrow morning", "next Thursday", "Wednesday, Nov 25", "25 Nov", "11/25". */
const DAY_RE = new RegExp(
  String.raw`(?:\b(?:(today|this (?:morning|afternoon|evening)|hoy|heute|aujourd'hui|oggi|hoje|vandaag|idag|i dag|dzisiaj|сегодня)|(tomorrow|tmrw|mañana|morgen|demain|domani|amanhã|завтра)(?: (morning|afternoon|evening|night))?|(?:(this|next|coming) )?(${WEEKDAY_FULL})(?:,? (next week))?|(${MONTHS})\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4}))?|(\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTHS})\b(?:,? (\d{4}))?|(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?|(end of (?:the )?week|eow))\b|(今天|今日|本日|오늘)|(明天|明日|내일))`,
  'g',
);
/** A weekday followed by its date: ", Nov 25", " 25 November", " 11/25". */
const DATE_AFTER_WEEKDAY = new RegExp(
  String.raw`^,? (?:the )?(?:(?:${MONTHS})\.? \d|\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTHS})\b|\d{1,2}\/\d{1,2})`,
);
/** A span from the moment of writing: "in 2 hours", "within the hour", "in the next 30 minutes". */
const SPAN_RE =
  /\b(in|within)( the (?:next|coming))?(?: (\d{1,3}|an?|one|two|three|four|a few|a couple(?: of)?|the))? (minutes?|mins?|hours?|hrs?|days?)\b/g;
const OVERDUE_RE = /\b(?:overdue|past due|past the deadline|missed the deadline)\b/g;

/** One cheap test: most mail names no time at all. */
const ANY_TRIGGER = new RegExp(
  String.raw`\d|今天|今日|本日|오늘|明天|明日|내일|\b(?:hoy|heute|aujourd'hui|oggi|hoje|vandaag|idag|dzisiaj|сегодня|mañana|morgen|demain|domani|amanhã|завтра|today|tonight|tomorrow|tmrw|this (?:morning|afternoon|evening)|${WEEKDAY_FULL}|noon|midday|midnight|eod|cob|eob|eow|end of|close of|first thing|within|overdue|past due|deadline)\b`,
);

const CUE_BEFORE =
  /\b(?:by|due|before|until|till|deadline|no later than|latest|expires?|expiring|ends?|closes?|locks?|cut-?off|submit|send|sign|approve|confirm|decide|call|need(?:ed|s)?|required|respond|reply|rsvp|complete|finish|deliver|turn in|get back to me|asap|within|in the next)\b[^.!?\n]{0,25}$/;
const CUE_AFTER = /^[^.!?\n]{0,15}\b(?:deadline|due|at the latest)\b/;
/** "until today" and "till today" describe the past, not a due date. */
const UNTIL_BEFORE = /\b(?:until|till|up to|even) $/;
/** A date the text itself replaces: "moved from Wednesday to Friday", "not Thursday". */
const SUPERSEDED_BEFORE =
  /\b(?:instead of|rather than|no longer(?: due)?(?: on| by)?|not(?: on| by)?|(?:mov|push|postpon|shift|chang|reschedul|slipp?)ed (?:\w+ ){0,3}from|was(?: due)?(?: on| by)?|previously(?: due)?(?: on| by)?|originally(?: due)?(?: on| by)?)\s*$/;

const STALE_MS = 36 * 3_600_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  the: 1,
  two: 2,
  three: 3,
  four: 4,
  'a few': 3,
  'a couple': 2,
  'a couple of': 2,
};

interface Piece {
  start: number;
  end: number;
}

interface TimeOfDay extends Piece {
  hour: number;
  minute: number;
  /** "EOD"-like words keep their own name in the label. */
  name?: 'EOD' | 'tonight';
  /** A zone written after the time ("5pm ET"); "your time" is the user's. */
  zone?: string;
}

interface DayMention extends Piece {
  /** Local day index in the writer's zone. */
  day: number;
  defaultHour: number;
}

export interface DeadlineOptions {
  /** Minutes east of UTC of the writer, when the mail's Date header says; defaults to the user's. */
  writerTz?: number;
}

function ampmHour(hourText: string, ampm: string | undefined): number | undefined {
  let hour = Number(hourText);
  if (ampm?.startsWith('p') && hour < 12) hour += 12;
  if (ampm?.startsWith('a') && hour === 12) hour = 0;
  return hour > 23 ? undefined : hour;
}

function timesIn(text: string): TimeOfDay[] {
  const out: TimeOfDay[] = [];
  TIME_RE.lastIndex = 0;
  for (let m = TIME_RE.exec(text); m; m = TIME_RE.exec(text)) {
    const piece = { start: m.index, end: m.index + m[0].length, ...(m[11] ? { zone: m[11] } : {}) };
    if (m[1] !== undefined) {
      const hour = ampmHour(m[1], m[3]);
      const minute = m[2] ? Number(m[2]) : 0;
      if (hour !== undefined && minute < 60) out.push({ ...piece, hour, minute });
    } else if (m[4] !== undefined) {
      // "10:00" could be a ratio or a score; it is a time only with a cue, which hasCue checks.
      out.push({ ...piece, hour: Number(m[4]), minute: Number(m[5]) });
    } else if (m[6] !== undefined) {
      out.push({ ...piece, hour: m[6] === 'midnight' ? 23 : 12, minute: m[6] === 'midnight' ? 59 : 0 });
    } else if (m[7] !== undefined) {
      out.push({ ...piece, hour: 17, minute: 0, name: 'EOD' });
    } else if (m[8] !== undefined) {
      out.push({ ...piece, hour: 21, minute: 0, name: 'tonight' });
    } else if (m[9] !== undefined) {
      out.push({ ...piece, hour: 9, minute: 0 });
    } else if (m[10] !== undefined) {
      // "before 11" without am or pm: office hours, so 1 to 6 are afternoon.
      const hour = Number(m[10]);
      out.push({ ...piece, hour: hour < 7 ? hour + 12 : hour, minute: 0 });
    }
  }
  return out;
}

/** The offset a clock time is read in: its own zone word, else the writer's. */
function zoneOf(time: TimeOfDay, day: number, writerTz: number, userTz: number): number {
  if (!time.zone) return writerTz;
  if (time.zone === 'your time') return userTz;
  if (time.zone === 'my time') return writerTz;
  const pair = ZONE_OFFSETS[time.zone];
  if (!pair) return writerTz;
  // Daylight time, roughly: April to October.
  const month = new Date(day * DAY).getUTCMonth();
  return month >= 3 && month <= 9 ? pair[1] : pair[0];
}

function resolveDate(anchorMs: number, tz: number, month: number, day: number, yearText?: string): number {
  if (yearText) {
    const year = Number(yearText.length === 2 ? `20${yearText}` : yearText);
    return Math.floor(Date.UTC(year, month, day) / DAY);
  }
  const anchorYear = new Date(anchorMs + tz * MINUTE).getUTCFullYear();
  let year = anchorYear;
  const candidate = Date.UTC(year, month, day);
  // Dates without a year mean the nearest one: "Jan 3" written in December is next year's.
  if (candidate < anchorMs - 180 * DAY) year++;
  else if (candidate > anchorMs + 180 * DAY) year--;
  return Math.floor(Date.UTC(year, month, day) / DAY);
}

function daysIn(text: string, anchorMs: number, tz: number): DayMention[] {
  const out: DayMention[] = [];
  const anchorDay = localDayIndex(anchorMs, tz);
  DAY_RE.lastIndex = 0;
  for (let m = DAY_RE.exec(text); m; m = DAY_RE.exec(text)) {
    const piece = { start: m.index, end: m.index + m[0].length };
    if (m[1] !== undefined) {
      out.push({ ...piece, day: anchorDay, defaultHour: m[1].endsWith('morning') ? 12 : 17 });
    } else if (m[2] !== undefined) {
      const part = m[3];
      out.push({
        ...piece,
        day: anchorDay + 1,
        defaultHour: part === 'morning' ? 12 : part === 'night' || part === 'evening' ? 21 : 17,
      });
    } else if (m[5] !== undefined) {
      // A weekday written with its date ("Wednesday, Nov 25") is that date, which the next match reads.
      if (DATE_AFTER_WEEKDAY.test(text.slice(piece.end, piece.end + 24))) continue;
      const target = WEEKDAYS.findIndex((w) => m?.[5]?.startsWith(w.slice(0, 3)));
      let diff = (target - localWeekday(anchorMs, tz) + 7) % 7;
      // The sent day itself counts ("by Thursday" on a Thursday is that day); a week on only when said.
      if ((m[4] === 'next' || m[6] !== undefined) && diff === 0) diff = 7;
      out.push({ ...piece, day: anchorDay + diff, defaultHour: 17 });
    } else if (m[7] !== undefined || m[10] !== undefined) {
      const monthText = (m[7] ?? m[11] ?? '').slice(0, 3);
      const month = MONTH_INDEX[monthText];
      const day = Number(m[8] ?? m[10]);
      if (month === undefined || day < 1 || day > 31) continue;
      out.push({ ...piece, day: resolveDate(anchorMs, tz, month, day, m[9] ?? m[12]), defaultHour: 17 });
    } else if (m[13] !== undefined) {
      const a = Number(m[13]);
      const b = Number(m[14]);
      // Month first, as US mail writes it, unless the first number cannot be a month.
      const [month, day] = a > 12 ? [b, a] : [a, b];
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      out.push({ ...piece, day: resolveDate(anchorMs, tz, month - 1, day, m[15]), defaultHour: 17 });
    } else if (m[16] !== undefined) {
      const diff = (5 - localWeekday(anchorMs, tz) + 7) % 7;
      out.push({ ...piece, day: anchorDay + diff, defaultHour: 17 });
    } else if (m[17] !== undefined) {
      out.push({ ...piece, day: anchorDay, defaultHour: 17 });
    } else if (m[18] !== undefined) {
      out.push({ ...piece, day: anchorDay + 1, defaultHour: 17 });
    }
  }
  return out;
}

/** Nothing but spaces, commas and linking words between two pieces of one date ("Friday at 3pm"). */
const JOINER =
  /^[\s,]*(?:(?:at|by|before|on|around|latest|the latest|of|to|until|till|antes de(?: las?)?|a las?|avant|vor|bis|um|entro(?: le)?|alle|até(?: às)?|voor|om|-|–|⋅|·|\||@|\(|\))[\s,]*)*$/;

function adjacent(text: string, a: Piece, b: Piece): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  if (second.start < first.end) return false;
  const between = text.slice(first.end, second.start);
  return between.length <= 16 && JOINER.test(between);
}

interface Candidate {
  start: number;
  end: number;
  dueMs: number;
  /** The mail named a clock time or a span, not only a day. */
  timed: boolean;
  name?: 'EOD' | 'tonight';
  /** Worded as a limit ("within the hour", "in the next 30 minutes"), not a forecast. */
  limit?: boolean;
}

/** The same cues in the languages mail to a US team often arrives in. */
const CUE_OTHER =
  /(?:\b(?:antes de|hasta|necesit\w*|bis|spätestens|brauch\w*|benötig\w*|avant|d'ici|besoin|entro|prima d[ei]|serve|servono|até|preciso|precisamos|uiterlijk|vóór|nodig|до|нужн\w*)\b|请|需要|之前|截止|까지)/;
/** A sentence that asks ("…today?", "please …", "need …") makes the day in it a deadline. */
const SENTENCE_ASKS =
  /\b(?:please|pls|kindly|need(?:ed|s)?|must|have to|can you|could you|would you|is it possible|possible to|asap)\b|\?\s*$/;
/** "Lunch on Thursday?": a question about when to meet names an event, not a deadline. */
const EVENT_BEFORE =
  /\b(?:lunch|dinner|coffee|drinks|breakfast|meet(?:ing|up)?|call|sync|chat|catch ?up|session|event|party|offsite|visit|trip|flight|free|available|around)\b[^.!?\n]{0,12}$/;
/** "The hike on Saturday?": a day after "on" or "at" is when something happens. */
const EVENT_PREPOSITION = /\b(?:on|at|for|from|during|over|after|since|until|till)\s+(?:the\s+)?$/;
/** Past tense: "we had to have everything ready by 9am" recounts, it does not ask. */
const PAST = /\b(?:had to|had|was|were|did|delivered|managed to|made it|went)\b/;
/** "Please send it before that": the date sits in the sentence before. */
const POINTS_BACK =
  /^\s*[^.!?\n]{0,80}\b(?:before (?:that|then)|by (?:then|that time)|ahead of (?:it|that))\b/;

function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && start - from < 300 && !'.!?\n'.includes(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && to - end < 300 && !'.!?\n'.includes(text[to] ?? '')) to++;
  return [from, Math.min(text.length, to + 1)];
}

function hasCue(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (UNTIL_BEFORE.test(before)) return false;
  const [from, to] = sentenceAround(text, start, end);
  const sentence = text.slice(from, to);
  if (PAST.test(sentence)) return false;
  return (
    CUE_BEFORE.test(before) ||
    CUE_AFTER.test(text.slice(end, end + 30)) ||
    CUE_OTHER.test(sentence) ||
    (SENTENCE_ASKS.test(sentence) && !EVENT_BEFORE.test(before) && !EVENT_PREPOSITION.test(before)) ||
    POINTS_BACK.test(text.slice(to, to + 120))
  );
}

function label(c: Candidate, nowMs: number, userTz: number, writerTz: number): string {
  const day = dayLabel(c.dueMs, nowMs, userTz);
  const minutes = minuteOfDay(c.dueMs, userTz);
  const clock = timeLabel(Math.floor(minutes / 60), minutes % 60);
  if (c.dueMs < nowMs) {
    const today = localDayIndex(c.dueMs, userTz) === localDayIndex(nowMs, userTz);
    if (today) return c.timed || c.name ? `overdue since ${clock}` : 'overdue (due today)';
    return `overdue since ${day}`;
  }
  if (c.timed && c.dueMs - nowMs <= 90 * MINUTE) {
    return `in ${Math.max(1, Math.round((c.dueMs - nowMs) / MINUTE))} min`;
  }
  // "EOD" keeps its name where the writer's evening is the user's; across zones the clock says more.
  if (c.name && writerTz === userTz) {
    if (c.name === 'tonight') return day === 'today' ? 'tonight' : `${day} night`;
    return `${day} EOD`;
  }
  return c.timed ? `${day} ${clock}` : day;
}

/**
 * Finds the most pressing deadline or date in lower-cased text. Relative words ("tomorrow", "by
 * 5pm", "Thursday") count from the message's own date (anchorMs) in the writer's zone; the label is
 * in the user's zone (tz) and relative to now.
 */
export function findDeadline(
  text: string,
  anchorMs: number,
  nowMs: number,
  tz: number,
  options: DeadlineOptions = {},
): Deadline | null {
  if (!ANY_TRIGGER.test(text)) return null;
  const writerTz = options.writerTz ?? tz;
  const anchorDay = localDayIndex(anchorMs, writerTz);
  const candidates: Candidate[] = [];

  const times = timesIn(text);
  const days = daysIn(text, anchorMs, writerTz);
  const paired = new Set<DayMention>();
  for (const time of times) {
    const day = days.find((d) => adjacent(text, d, time));
    if (day) {
      paired.add(day);
      candidates.push({
        start: Math.min(day.start, time.start),
        end: Math.max(day.end, time.end),
        dueMs: atLocal(day.day, time.hour, time.minute, zoneOf(time, day.day, writerTz, tz)),
        timed: !time.name,
        ...(time.name ? { name: time.name } : {}),
      });
      // The end of a range ("Nov 23, 2pm - 2:30pm") belongs to the same day.
      if (time.end > day.end) day.end = time.end;
      continue;
    }
    let dueMs = atLocal(anchorDay, time.hour, time.minute, zoneOf(time, anchorDay, writerTz, tz));
    // A clock time already past when the mail was written means the next one ("by 10am" sent at 3pm).
    if (!time.name && dueMs < anchorMs - 30 * MINUTE) dueMs += DAY;
    candidates.push({
      start: time.start,
      end: time.end,
      dueMs,
      timed: !time.name,
      ...(time.name ? { name: time.name } : {}),
    });
  }
  for (const day of days) {
    if (paired.has(day)) continue;
    const dueMs = atLocal(day.day, day.defaultHour, 0, writerTz);
    candidates.push({ start: day.start, end: day.end, dueMs, timed: false });
  }
  SPAN_RE.lastIndex = 0;
  for (let m = SPAN_RE.exec(text); m; m = SPAN_RE.exec(text)) {
    if (m[3] === undefined && m[2] === undefined) continue;
    const amountText = m[3] ?? 'the';
    const unit = m[4] ?? '';
    const amount = WORD_NUMBERS[amountText] ?? Number(amountText);
    // "in a minute" and "in the days" are figures of speech; "within the hour" is a span.
    if (!/\d/.test(amountText) && unit.startsWith('m') && amount === 1) continue;
    if (amountText === 'the' && m[2] === undefined && (m[1] !== 'within' || !unit.startsWith('h'))) continue;
    if (!Number.isFinite(amount)) continue;
    const unitMs = unit.startsWith('d') ? DAY : unit.startsWith('h') ? HOUR : MINUTE;
    candidates.push({
      start: m.index,
      end: m.index + m[0].length,
      dueMs: anchorMs + amount * unitMs,
      timed: !unit.startsWith('d'),
      limit: m[1] === 'within' || m[2] !== undefined,
    });
  }

  OVERDUE_RE.lastIndex = 0;
  let best: Candidate | undefined;
  let bestRank = OVERDUE_RE.test(text) ? -2 : Number.POSITIVE_INFINITY;
  let bestIsDeadline = false;
  // Soonest first, so the cue checks (the costly part) stop at the first stated deadline.
  const ranked = candidates
    .filter((c) => c.dueMs >= nowMs - STALE_MS && c.dueMs <= nowMs + 32 * DAY)
    .map((c) => {
      const overdue = c.dueMs < nowMs;
      // One passed today is pressing; one passed before today ranks after those still ahead.
      const passedToday = overdue && localDayIndex(c.dueMs, tz) === localDayIndex(nowMs, tz);
      return { c, base: overdue ? (passedToday ? -1 : 0.5) : (c.dueMs - nowMs) / DAY };
    })
    // At the same moment, a clock time ("5pm") names the deadline better than "EOD" does.
    .sort((x, y) => x.base - y.base || Number(y.c.timed) - Number(x.c.timed));
  let mention: Candidate | undefined;
  for (const { c, base } of ranked) {
    if (base >= bestRank) break;
    if (SUPERSEDED_BEFORE.test(text.slice(Math.max(0, c.start - 40), c.start))) continue;
    const isDeadline = c.name === 'EOD' || c.limit === true || hasCue(text, c.start, c.end);
    if (isDeadline) {
      best = c;
      bestRank = base;
      bestIsDeadline = true;
      break;
    }
    mention ??= c;
  }
  // Stated deadlines before mentions; a mention stands only when nothing is stated.
  if (!best && mention && bestRank !== -2) best = mention;
  if (bestRank === -2) return { dueMs: nowMs, dayDiff: 0, label: 'overdue', isDeadline: true, overdue: true };
  if (!best) return null;
  const dayDiff = localDayIndex(best.dueMs, tz) - localDayIndex(nowMs, tz);
  if (dayDiff > 30) return null;
  return {
    dueMs: best.dueMs,
    dayDiff,
    label: label(best, nowMs, tz, writerTz),
    isDeadline: bestIsDeadline,
    overdue: best.dueMs < nowMs,
  };
}
