import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';

const INVITE_SUBJECT =
  /^(?:(?:updated )?invitation(?: updated)?|new event|meeting request|invite|calendar invite)\b\s*[:-]?/i;
const RESPONSE_SUBJECT = /^(?:accepted|declined|tentative(?:ly accepted)?|tentative)\s*:/i;
const CANCEL_SUBJECT = /^(?:canceled|cancelled)(?: event)?\s*:|^event cancel+ed/i;
const CALENDAR_WORDS =
  /\b(?:invite\.ics|invitation from google calendar|join (?:with )?google meet|meet\.google\.com|join zoom meeting|zoom\.us\/j\/|microsoft teams meeting|join the meeting|add to calendar|rsvp|going\?\s*(?:yes|all events))\b/;

/** Calendar invitations, updates and cancellations. */
export function meetingRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (RESPONSE_SUBJECT.test(f.subject)) {
    addReason(ev, 'meeting', 'reply to your invitation', -0.5);
    vote(ev, 'meeting', 3);
  } else if (CANCEL_SUBJECT.test(f.subject)) {
    addReason(ev, 'meeting', 'meeting cancelled', 1);
    vote(ev, 'meeting', 4);
  } else if (INVITE_SUBJECT.test(f.subject)) {
    addReason(
      ev,
      'meeting',
      /^updated/i.test(f.subject) ? 'meeting invitation updated' : 'meeting invitation',
      1.5,
    );
    vote(ev, 'meeting', 4);
  } else if (f.calendarInvite && !f.bulk) {
    // An attached invite (text/calendar or .ics) is the strongest meeting sign a subject can lack.
    addReason(ev, 'meeting', 'calendar invitation attached', 1);
    vote(ev, 'meeting', 3.5);
  } else if (CALENDAR_WORDS.test(f.lower) && !f.bulk) {
    addReason(ev, 'meeting', 'meeting details inside', 0.5);
    vote(ev, 'meeting', 2.6);
  }
}
