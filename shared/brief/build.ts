/**
 * The local brief: what Brody already knows about a meeting's people, assembled without a model,
 * fast enough to show as the dialog opens. Pure: the background passes in the records it read.
 */
import type { CalendarEvent, EventPrep, ReplyOwed, SeenThread, Task } from '../day/model';
import { agendaFromDescription, agendaFromThreads, talkingPoints } from './agenda';
import { timeUntil } from './time-until';
import type { Brief, BriefAttendee, BriefReply, BriefTask, BriefThread } from './types';

export interface BriefInput {
  event: CalendarEvent;
  userEmails: readonly string[];
  /** Seen threads per lower-cased attendee address, newest first. */
  threadsByEmail: ReadonlyMap<string, readonly SeenThread[]>;
  /** Tasks that involve an attendee or come from this event. */
  tasks: readonly Task[];
  replies: readonly ReplyOwed[];
  prep?: EventPrep;
  now: number;
}

export const THREADS_PER_PERSON = 3;

/** Gmail opens a thread by its hex (legacy) id or its URL token; a derived `k:` key opens nothing. */
export function gmailThreadLink(threadId: string): string | undefined {
  return /^[A-Za-z0-9_-]{12,64}$/.test(threadId)
    ? `https://mail.google.com/mail/u/0/#all/${threadId}`
    : undefined;
}

export const DEFAULT_CHECKLIST = [
  { id: 'threads', text: 'Read the recent threads with the attendees', done: false },
  { id: 'tasks', text: 'Review open tasks and replies owed', done: false },
  { id: 'agenda', text: 'Confirm the agenda', done: false },
];

function briefThread(thread: SeenThread): BriefThread {
  const link = gmailThreadLink(thread.id);
  return {
    id: thread.id,
    subject: thread.subject,
    date: new Date(thread.lastAt).toISOString(),
    ...(thread.urgency ? { urgency: thread.urgency } : {}),
    ...(link ? { link } : {}),
  };
}

function briefTask(task: Task): BriefTask | null {
  if (task.status === 'completed') return null;
  return {
    id: task.id,
    title: task.title,
    priority: task.priority,
    status: task.status,
    ...(task.due ? { due: task.due } : {}),
  };
}

function briefReply(reply: ReplyOwed): BriefReply {
  const link = gmailThreadLink(reply.thread.id);
  return {
    threadId: reply.thread.id,
    subject: reply.thread.subject,
    direction: reply.direction,
    ...(link ? { link } : {}),
  };
}

export function buildBrief(input: BriefInput): Brief {
  const { event, now } = input;
  const users = new Set(input.userEmails.map((email) => email.toLowerCase()));
  const people = [...event.attendees];
  if (event.organizer && !people.some((person) => person.email === event.organizer?.email))
    people.unshift(event.organizer);
  const attendees: BriefAttendee[] = people.map((person) => {
    const email = person.email.toLowerCase();
    const isUser = users.has(email);
    const threads = isUser ? [] : (input.threadsByEmail.get(email) ?? []).slice(0, THREADS_PER_PERSON);
    const tasks = isUser
      ? []
      : input.tasks
          .filter((task) => task.people.includes(email))
          .map(briefTask)
          .filter((task): task is BriefTask => task !== null);
    const replies = isUser
      ? []
      : input.replies.filter((reply) => reply.thread.participants.includes(email)).map(briefReply);
    return {
      email,
      ...(person.name ? { name: person.name } : {}),
      ...(person.response ? { response: person.response } : {}),
      ...(person.organizer ? { organizer: true } : {}),
      isUser,
      threads: threads.map(briefThread),
      tasks,
      replies,
    };
  });
  const description = agendaFromDescription(event.description);
  const proposed = description.items.length > 0 ? [] : agendaFromThreads(attendees);
  const startMs = event.start ? Date.parse(event.start) : Number.NaN;
  const endMs = event.end ? Date.parse(event.end) : undefined;
  return {
    eventId: event.id,
    title: event.title,
    ...(event.start ? { start: event.start } : {}),
    ...(event.end ? { end: event.end } : {}),
    allDay: event.allDay,
    ...(event.timeZone ? { timeZone: event.timeZone } : {}),
    ...(Number.isNaN(startMs) ? {} : { startsIn: timeUntil(startMs, endMs, now) }),
    ...(event.location ? { location: event.location } : {}),
    ...(event.meetingUrl ? { meetingUrl: event.meetingUrl } : {}),
    ...(event.link ? { eventLink: event.link } : {}),
    attendees,
    agenda:
      description.items.length > 0
        ? { items: description.items, from: 'description' }
        : proposed.length > 0
          ? { items: proposed, from: 'threads' }
          : { items: [], from: 'none' },
    talkingPoints: talkingPoints(attendees),
    flags: {
      injection: description.reasons.length > 0,
      reasons: description.reasons,
      flaggedLines: description.flaggedLines,
      hiddenTextRemoved: event.descriptionHidden === true,
    },
    prep: {
      status: input.prep?.status ?? 'not_started',
      checklist: input.prep?.checklist.length
        ? input.prep.checklist
        : DEFAULT_CHECKLIST.map((item) => ({ ...item })),
    },
    source: { kind: 'rules' },
    at: new Date(now).toISOString(),
  };
}
