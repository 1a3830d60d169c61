/**
 * The user's day as Brody stores it on the device: tasks, calendar events seen in Google Calendar,
 * threads seen in Gmail, and each meeting's preparation. Plain types with no zod, so content scripts,
 * the background and the pure brief builder can all import them without pulling a validator in.
 */
import type { URGENCIES } from '../vocabulary';

type Urgency = (typeof URGENCIES)[number];

export const TASK_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who put the task forward: the user by hand, the rules reading a mail, or a model. */
export const TASK_PROPOSERS = ['user', 'mail', 'ai'] as const;
export type TaskProposer = (typeof TASK_PROPOSERS)[number];

export type TaskSource =
  | { kind: 'thread'; threadId: string; subject?: string }
  | { kind: 'event'; eventId: string; title?: string }
  | { kind: 'manual' };

export interface Task {
  /** Client-generated (crypto.randomUUID()), so a task made offline keeps its id when it syncs. */
  id: string;
  title: string;
  notes: string;
  priority: TaskPriority;
  status: TaskStatus;
  /** YYYY-MM-DD, or a full ISO date-time when the source named a time of day. */
  due?: string;
  source: TaskSource;
  proposedBy: TaskProposer;
  /** Who the action item named as owner ("you" or a participant's name). */
  owner?: string;
  /** Lower-cased addresses of the people the task involves (thread participants, attendees). */
  people: string[];
  /** Position in the user's own ordering; smaller first. */
  order: number;
  /** Indexed copies of the source's key, so "does this thread have an open task" is one lookup. */
  threadId?: string;
  eventId?: string;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
}

export interface Attendee {
  email: string;
  name?: string;
  /** RSVP as Calendar shows it. */
  response?: 'accepted' | 'declined' | 'tentative' | 'needs_action';
  organizer?: boolean;
}

export interface CalendarEvent {
  /** Calendar's event id (decoded from data-eventid), stable across views. */
  id: string;
  /** The calendar's address the chip belongs to, when known. */
  calendar?: string;
  title: string;
  /** ISO date-times with offset; all-day events carry the day's start. */
  start: string;
  end?: string;
  timeZone?: string;
  allDay: boolean;
  location?: string;
  meetingUrl?: string;
  /** Visible text of the description, hidden text dropped. Untrusted: shown as data, never obeyed. */
  description?: string;
  /** Some of the description was hidden on the page and left out. */
  descriptionHidden?: boolean;
  organizer?: Attendee;
  attendees: Attendee[];
  /** Lower-cased attendee and organizer addresses: the multi-entry index briefs look people up by. */
  attendeeEmails: string[];
  /** https://calendar.google.com/calendar/event?eid=… */
  link?: string;
  seenAt: number;
}

export interface SeenThread {
  /** Gmail thread id (the legacy hex id when the page shows it, as Gmail's URLs use), or a derived key. */
  id: string;
  /** The key triage caches this thread's verdict under, when it differs from `id`. */
  rowId?: string;
  subject: string;
  /** Lower-cased addresses of everyone on the thread but the user. */
  participants: string[];
  /** Display names by address, for briefs. */
  names?: Record<string, string>;
  /** Epoch ms of the newest message Brody saw. */
  lastAt: number;
  /** Address of whoever wrote the newest message. */
  lastFrom?: string;
  lastFromUser: boolean;
  /** The newest message is someone else's and asks the user something: the user owes a reply. */
  asksUser: boolean;
  /** The user's newest message asks them something and no answer came: the user is waiting. */
  awaitingThem: boolean;
  /**
   * `lastAt` while a reply is owed either way (asksUser or awaitingThem), absent otherwise: the
   * threads store indexes it, so the newest owed threads are one bounded index read. Set by
   * `withOwedAt`.
   */
  owedAt?: number;
  unread: boolean;
  urgency?: Urgency;
  seenAt: number;
}

/** The thread with `owedAt` set from its own fields: every write of a thread goes through this. */
export function withOwedAt(thread: SeenThread): SeenThread {
  const { owedAt: _stale, ...rest } = thread;
  return thread.asksUser || thread.awaitingThem ? { ...rest, owedAt: thread.lastAt } : rest;
}

export const PREP_STATUSES = ['not_started', 'in_progress', 'ready'] as const;
export type PrepStatus = (typeof PREP_STATUSES)[number];

export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
}

export interface EventPrep {
  eventId: string;
  status: PrepStatus;
  checklist: ChecklistItem[];
  updatedAt: number;
}

/** Where a reply is owed: by the user to them, or by them to the user. */
export type ReplyOwed = { thread: SeenThread; direction: 'you_owe' | 'they_owe' };
