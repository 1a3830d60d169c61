/**
 * Calendar DOM → events. Text is read from text nodes only and the description keeps only what a
 * reader can see (the same hidden-text rules as Gmail bodies); nothing is parsed as HTML and no URL
 * found here is fetched: a meeting link is kept as data for the user to click.
 */

import { meetingLinkFrom } from '../../../shared/brief/meeting-link';
import type { Attendee, CalendarEvent } from '../../../shared/day/model';
import { LIMITS } from '../../../shared/limits';
import { stripInvisible } from '../../../shared/untrusted/invisible';
import { cleanText } from '../gmail/read';
import { tidyBodyText, visibleTextOf } from '../gmail/read-thread';
import { CALENDAR, queryAll, queryFirst } from './selectors';
import { decodeDateKey, parseWhen, type WhenContext } from './when';

/** What one read of the page yields; the edit page may not show times, so those can be missing. */
export type ReadEvent = Omit<CalendarEvent, 'seenAt' | 'start' | 'allDay'> & {
  start?: string;
  allDay?: boolean;
  /** Some description text was skipped because the page hides it. */
  descriptionHidden: boolean;
};

export { meetingLinkFrom };

export interface ChipRef {
  eid: string;
  eventId: string;
  calendar?: string;
  /** The day column the chip sits in, when the grid says. */
  day?: { year: number; month: number; day: number };
}

const MAX_GUESTS = 200;
const DESCRIPTION_CHARS = 8_000;
const URL_IN_TEXT = /https:\/\/[^\s<>"')\]]+/g;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `data-eventid` is URL-safe, unpadded base64 of "<event id> <calendar address>". */
export function decodeEventId(raw: string | null | undefined): { eventId: string; calendar?: string } | null {
  if (!raw || !/^[A-Za-z0-9_-]{4,600}$/.test(raw)) return null;
  let decoded: string;
  try {
    const b64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    decoded = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    return null;
  }
  const [eventId, calendar] = decoded.split(' ');
  if (!eventId || !/^[\w.@-]+$/.test(eventId)) return null;
  return calendar && EMAIL.test(calendar) ? { eventId, calendar: calendar.toLowerCase() } : { eventId };
}

export function eventLink(eid: string): string {
  return `https://calendar.google.com/calendar/event?eid=${eid}`;
}

function urlsIn(text: string | undefined): string[] {
  return text ? (text.match(URL_IN_TEXT) ?? []) : [];
}

export function readChips(root: ParentNode): ChipRef[] {
  const chips: ChipRef[] = [];
  const seen = new Set<string>();
  for (const chip of queryAll(root, CALENDAR.eventChip)) {
    const eid = chip.getAttribute('data-eventid') ?? '';
    const decoded = decodeEventId(eid);
    if (!decoded || seen.has(eid)) continue;
    seen.add(eid);
    const day = decodeDateKey(chip.closest('[data-datekey]')?.getAttribute('data-datekey'));
    chips.push({ eid, ...decoded, ...(day ? { day } : {}) });
  }
  return chips;
}

const RESPONSES: [RegExp, NonNullable<Attendee['response']>][] = [
  [/\baccepted\b|\bgoing\b|^yes$/i, 'accepted'],
  [/\bdeclined\b|\bnot going\b|^no$/i, 'declined'],
  [/\btentative\b|\bmaybe\b/i, 'tentative'],
  [/\bawaiting\b|\bneeds action\b|\bhas not responded\b/i, 'needs_action'],
];
const STATUS_WORDS =
  /^(?:organi[sz]er|optional|accepted|declined|tentative|maybe|awaiting|needs action|going|not going)$/i;

function readGuest(element: Element): Attendee | null {
  const email = cleanText(
    element.getAttribute('data-email') || element.getAttribute('data-hovercard-id'),
    LIMITS.emailChars,
  ).toLowerCase();
  if (!EMAIL.test(email)) return null;
  const label = cleanText(stripInvisible(element.getAttribute('aria-label') ?? '').text, 600);
  const parts = (label || cleanText(element.textContent, 600)).split(/,\s*|\n/).map((part) => part.trim());
  const name = parts.find(
    (part) => part && !STATUS_WORDS.test(part) && !EMAIL.test(part) && part.toLowerCase() !== email,
  );
  const words = `${label} ${cleanText(element.textContent, 600)}`;
  const response = RESPONSES.find(
    ([pattern]) => parts.some((part) => pattern.test(part)) || pattern.test(words),
  )?.[1];
  return {
    email,
    ...(name ? { name: name.slice(0, LIMITS.nameChars) } : {}),
    ...(response ? { response } : {}),
    ...(/\borgani[sz]er\b/i.test(words) ? { organizer: true } : {}),
  };
}

export function readGuests(root: ParentNode | null): Attendee[] {
  if (!root) return [];
  const byEmail = new Map<string, Attendee>();
  for (const element of queryAll(root, CALENDAR.guest)) {
    const guest = readGuest(element);
    if (!guest) continue;
    // A row and its avatar both carry the address; the richer reading wins.
    const known = byEmail.get(guest.email);
    byEmail.set(guest.email, {
      ...guest,
      ...known,
      ...Object.fromEntries(Object.entries(guest).filter(([, v]) => v !== undefined)),
    });
    if (byEmail.size >= MAX_GUESTS) break;
  }
  return [...byEmail.values()];
}

function readDescription(element: Element | null): { text?: string; hidden: boolean } {
  if (!element) return { hidden: false };
  const visible = visibleTextOf(element);
  // One line per block: the brief lists the description's lines, blank ones say nothing.
  const text = tidyBodyText(visible.text)
    .replace(/\n{2,}/g, '\n')
    .slice(0, DESCRIPTION_CHARS);
  return { ...(text ? { text } : {}), hidden: visible.hidden };
}

function attendeeFields(guests: Attendee[], calendar?: string) {
  const organizer = guests.find((guest) => guest.organizer);
  const emails = new Set(guests.map((guest) => guest.email));
  if (organizer) emails.add(organizer.email);
  return {
    attendees: guests,
    ...(organizer ? { organizer } : {}),
    attendeeEmails: [...emails],
    ...(calendar ? { calendar } : {}),
  };
}

function dialogTitle(dialog: Element): string {
  const ids = (dialog.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  const doc = dialog.ownerDocument;
  const labelled = ids.map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
  return cleanText(
    stripInvisible(labelled || queryFirst(dialog, CALENDAR.detailsTitle)?.textContent || '').text,
    LIMITS.subjectChars,
  );
}

/** The open details dialog, or null when none is open or its event id cannot be read. */
export function readDetailsDialog(root: ParentNode, context: WhenContext): ReadEvent | null {
  const dialog = queryFirst(root, CALENDAR.detailsDialog);
  const body = dialog ? queryFirst(dialog, CALENDAR.detailsBody) : null;
  if (!dialog || !body) return null;
  const eid = body.getAttribute('data-eventid') ?? '';
  const decoded = decodeEventId(eid);
  if (!decoded) return null;
  const chipDay = readChips(root.ownerDocument ?? root).find((chip) => chip.eid === eid)?.day;
  const whenText = cleanText(queryFirst(body, CALENDAR.detailsWhen)?.textContent, 500);
  const time = whenText
    ? parseWhen(whenText, { ...context, ...(chipDay ? { year: chipDay.year } : {}) })
    : null;
  const locationElement = queryFirst(body, CALENDAR.detailsLocation);
  const location = locationElement ? tidyBodyText(visibleTextOf(locationElement).text).split('\n')[0] : '';
  const description = readDescription(queryFirst(body, CALENDAR.detailsDescription));
  const video = queryAll(body, CALENDAR.detailsVideo).map(
    (link) => link.getAttribute('href') || link.getAttribute('data-url') || '',
  );
  const meetingUrl = meetingLinkFrom([...video, ...urlsIn(location), ...urlsIn(description.text)]);
  return {
    id: decoded.eventId,
    title: dialogTitle(dialog) || '(no title)',
    ...(time
      ? {
          start: time.start,
          allDay: time.allDay,
          timeZone: time.timeZone,
          ...(time.end ? { end: time.end } : {}),
        }
      : {}),
    ...(location ? { location: location.slice(0, 500) } : {}),
    ...(meetingUrl ? { meetingUrl } : {}),
    ...(description.text ? { description: description.text } : {}),
    descriptionHidden: description.hidden,
    ...attendeeFields(readGuests(queryFirst(body, CALENDAR.detailsGuests)), decoded.calendar),
    link: eventLink(eid),
  };
}

function inputValue(element: Element | null): string {
  if (!element) return '';
  const value =
    (element as HTMLInputElement).value ||
    element.getAttribute('value') ||
    element.getAttribute('data-initial-value') ||
    '';
  return cleanText(value, 500);
}

/** The full event page (`/r/eventedit/<eid>`); `eid` comes from the URL. */
export function readEditPage(
  root: ParentNode,
  eid: string | undefined,
  context: WhenContext,
): ReadEvent | null {
  const decoded = decodeEventId(eid);
  const page = queryFirst(root, CALENDAR.editPage);
  if (!decoded || !page) return null;
  const scope = root;
  const location = inputValue(queryFirst(scope, CALENDAR.editLocation));
  const description = readDescription(queryFirst(scope, CALENDAR.editDescription));
  const startDate = inputValue(queryFirst(scope, CALENDAR.editStartDate));
  const startTime = inputValue(queryFirst(scope, CALENDAR.editStartTime));
  const endTime = inputValue(queryFirst(scope, CALENDAR.editEndTime));
  const endDate = inputValue(queryFirst(scope, CALENDAR.editEndDate)) || startDate;
  const zone = inputValue(queryFirst(scope, CALENDAR.editTimeZone));
  const whenText =
    startDate && startTime ? `${startDate}, ${startTime} – ${endDate}, ${endTime} ${zone}` : startDate;
  const time = whenText ? parseWhen(whenText, context) : null;
  const meetingUrl = meetingLinkFrom([...urlsIn(location), ...urlsIn(description.text)]);
  const guestRoot = scope.querySelector('#xGstLst, [aria-label="Guests"]') ?? scope;
  return {
    id: decoded.eventId,
    title: inputValue(queryFirst(scope, CALENDAR.editTitle)) || '(no title)',
    ...(time
      ? {
          start: time.start,
          allDay: time.allDay,
          timeZone: time.timeZone,
          ...(time.end ? { end: time.end } : {}),
        }
      : {}),
    ...(location ? { location } : {}),
    ...(meetingUrl ? { meetingUrl } : {}),
    ...(description.text ? { description: description.text } : {}),
    descriptionHidden: description.hidden,
    ...attendeeFields(readGuests(guestRoot), decoded.calendar),
    link: eventLink(eid ?? ''),
  };
}
