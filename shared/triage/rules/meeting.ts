import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';

const INVITE_SUBJECT =
  /^(?:(?:updated )?invitation(?: updated)?|new event|meeting request|invite|calendar invite)\b\s*[:-]?/i;
const RESPONSE_SUBJECT = /^(?:accepted|declined|tentative(?:ly accepted)?|tentative)\s*:/i;
const CANCEL_SUBJECT = /^(?:canceled|cancelled)(?: event)?\s*:|^event cancel+ed/i;
const CALENDAR_WORDS =
  /\b(?:invite\.ics|invitation from google calendar|join (?:with )?google meet|meet\.google\.com|join zoom meeting|zoom\.us\/j\/|microsoft teams meeting|join the meeting|add to calendar|rsvp|going\?\s*(?:yes|all events))\b/;

/**
 * An invitation a person sent waits on the user's yes or no; a calendar robot's reminder does not.
 * Invitations carry the calendar's own "you are receiving this" footer, so only list headers and
 * robot senders count against the sender being a person here.
 */
function fromPerson(f: MessageFacts): boolean {
  return !f.bulk && !f.automated && f.fromEmail.includes('@');
}

/** Calendar invitations, updates and cancellations. */
export function meetingRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (RESPONSE_SUBJECT.test(f.subject)) {
    addReason(ev, 'meeting', 'reply to your invitation', -0.5);
    vote(ev, 'meeting', 3);
  } else if (CANCEL_SUBJECT.test(f.subject)) {
    addReason(ev, 'meeting', 'meeting cancelled', 1);
    vote(ev, 'meeting', 4);
  } else if (INVITE_SUBJECT.test(f.subject)) {
    const updated = /^updated/i.test(f.subject);
    if (fromPerson(f) && ev.spam < 1.5 && !ev.suspicious) {
      addReason(ev, 'meeting', `${updated ? 'updated invitation' : 'invitation'}: needs your answer`, 2.6);
    } else {
      addReason(ev, 'meeting', updated ? 'meeting invitation updated' : 'meeting invitation', 1.5);
    }
    vote(ev, 'meeting', 4);
  } else if (f.calendarInvite && !f.bulk) {
    // An attached invite (text/calendar or .ics) is the strongest meeting sign a subject can lack.
    if (fromPerson(f) && ev.spam < 1.5 && !ev.suspicious) {
      addReason(ev, 'meeting', 'invitation: needs your answer', 2.6);
    } else {
      addReason(ev, 'meeting', 'calendar invitation attached', 1);
    }
    vote(ev, 'meeting', 3.5);
  } else if (CALENDAR_WORDS.test(f.lower) && !f.bulk) {
    addReason(ev, 'meeting', 'meeting details inside', 0.5);
    vote(ev, 'meeting', 2.6);
  }
}
