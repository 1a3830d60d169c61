/**
 * A meeting brief as the panel shows it. Plain types, no zod: the Calendar content script, the
 * background and the API all import them. Facts (who, when, threads, tasks) come only from Brody's
 * own records; the event's description contributes agenda lines shown as data and nothing else.
 */
import type { Attendee, ChecklistItem, PrepStatus } from '../day/model';
import type { URGENCIES } from '../vocabulary';

export type BriefUrgency = (typeof URGENCIES)[number];

export interface BriefThread {
  id: string;
  subject: string;
  /** ISO date of the newest message Brody saw. */
  date: string;
  urgency?: BriefUrgency;
  /** Reopens the thread in Gmail; absent when Brody only knows a derived key. */
  link?: string;
}

export interface BriefTask {
  id: string;
  title: string;
  priority: 'high' | 'medium' | 'low';
  status: 'pending' | 'in_progress';
  due?: string;
}

export interface BriefReply {
  threadId: string;
  subject: string;
  direction: 'you_owe' | 'they_owe';
  link?: string;
}

export interface BriefAttendee {
  email: string;
  name?: string;
  response?: Attendee['response'];
  organizer?: boolean;
  isUser: boolean;
  threads: BriefThread[];
  tasks: BriefTask[];
  replies: BriefReply[];
}

export type BriefSource = { kind: 'rules' } | { kind: 'ai'; model: string };

export interface Brief {
  eventId: string;
  title: string;
  /** Absent when the page did not show the time and Brody has not seen it elsewhere. */
  start?: string;
  end?: string;
  allDay: boolean;
  timeZone?: string;
  /** "in 2 h 15 min", "started 5 min ago", "ended"; computed when the brief was built. */
  startsIn?: string;
  location?: string;
  /** Only an https Meet, Zoom or Teams link from the event's own fields. */
  meetingUrl?: string;
  eventLink?: string;
  attendees: BriefAttendee[];
  agenda: { items: string[]; from: 'description' | 'threads' | 'ai' | 'none' };
  talkingPoints: string[];
  flags: {
    /** The description talks to an AI; those lines are listed here and kept out of the agenda. */
    injection: boolean;
    reasons: string[];
    flaggedLines: string[];
    hiddenTextRemoved: boolean;
  };
  prep: { status: PrepStatus; checklist: ChecklistItem[] };
  source: BriefSource;
  /** ISO time the brief was built. */
  at: string;
}
