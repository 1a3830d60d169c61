/**
 * Events seen in Calendar, kept in Dexie for briefs and the popup's Today. Each page shows part of
 * an event (the dialog's skeleton has no guests yet; the edit page may show no times), so a new
 * reading fills in what it has and keeps what earlier readings knew.
 */
import { meetingLinkFrom } from '../../../shared/brief/meeting-link';
import type { CalendarEvent } from '../../../shared/day/model';
import type { SeenEvent } from '../../platform/messages';
import type { BrodyDatabase } from '../db';

/** A meeting that started this long ago still counts as "next": the user may be joining late. */
const STILL_NEXT_MS = 10 * 60_000;
const LOOKBACK_MS = 36 * 3_600_000;

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** Stores what the page showed; returns the merged event (unsaved when no start time is known yet). */
export async function saveSeenEvent(
  db: BrodyDatabase,
  seen: SeenEvent,
  now = Date.now(),
): Promise<CalendarEvent> {
  const previous = await db.events.get(seen.id);
  const meetingUrl = seen.meetingUrl ? meetingLinkFrom([seen.meetingUrl]) : undefined;
  const attendees = seen.attendees.map((attendee) => ({ ...attendee, email: attendee.email.toLowerCase() }));
  const { descriptionHidden, ...fields } = seen;
  const keepGuests = attendees.length === 0 && (previous?.attendees.length ?? 0) > 0;
  const merged: CalendarEvent = {
    ...(previous ?? { attendees: [], attendeeEmails: [], allDay: false, start: '' }),
    ...defined({ ...fields, meetingUrl, attendees: undefined, attendeeEmails: undefined }),
    ...(seen.description !== undefined || !previous ? { descriptionHidden } : {}),
    attendees: keepGuests ? (previous?.attendees ?? []) : attendees,
    attendeeEmails: keepGuests
      ? (previous?.attendeeEmails ?? [])
      : [
          ...new Set([
            ...attendees.map((attendee) => attendee.email),
            ...(seen.organizer ? [seen.organizer.email.toLowerCase()] : []),
          ]),
        ],
    id: seen.id,
    title: seen.title || previous?.title || '(no title)',
    start: seen.start ?? previous?.start ?? '',
    allDay: seen.allDay ?? previous?.allDay ?? false,
    seenAt: now,
  };
  if (merged.start && !Number.isNaN(Date.parse(merged.start))) await db.events.put(merged);
  return merged;
}

/** The meeting coming up next (or just begun), with at least one other person. */
export async function nextMeeting(db: BrodyDatabase, now = Date.now()): Promise<CalendarEvent | undefined> {
  // ISO strings with different offsets do not sort as times: take a wide window, then compare instants.
  const from = new Date(now - LOOKBACK_MS).toISOString().slice(0, 10);
  const candidates = await db.events.where('start').aboveOrEqual(from).toArray();
  return candidates
    .filter(
      (event) =>
        !event.allDay && event.attendees.length > 0 && Date.parse(event.start) >= now - STILL_NEXT_MS,
    )
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
}
