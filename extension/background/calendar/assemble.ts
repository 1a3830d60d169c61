/**
 * Gathers what the local brief needs from Dexie: threads with each attendee, open tasks that
 * involve them or come from the event, replies owed either way, and the prep record.
 */
import { buildBrief } from '../../../shared/brief/build';
import type { Brief } from '../../../shared/brief/types';
import type { CalendarEvent, SeenThread, Task } from '../../../shared/day/model';
import { textHash } from '../../platform/text-hash';
import type { BrodyDatabase } from '../db';
import { repliesOwed, threadsWith } from '../people/queries';

export interface AssembledBrief {
  brief: Brief;
  /** Changes when anything the brief was built from changes: the key an AI brief is cached under. */
  contentHash: string;
  /** The records behind the brief, for the API request. */
  threads: Map<string, SeenThread[]>;
  tasks: Task[];
}

export async function assembleBrief(
  db: BrodyDatabase,
  event: CalendarEvent,
  userEmails: readonly string[],
  now = Date.now(),
): Promise<AssembledBrief> {
  const users = new Set(userEmails.map((email) => email.toLowerCase()));
  const others = event.attendeeEmails.filter((email) => !users.has(email));
  const [perPerson, involving, fromEvent, replies, prep] = await Promise.all([
    Promise.all(others.map(async (email) => [email, await threadsWith(db, [email], 3)] as const)),
    others.length ? db.tasks.where('people').anyOf(others).distinct().toArray() : Promise.resolve([]),
    db.tasks.where('eventId').equals(event.id).toArray(),
    repliesOwed(db, { emails: others }),
    db.prep.get(event.id),
  ]);
  const threads = new Map(perPerson.map(([email, list]) => [email, list]));
  // A task made from a thread (the summary card's "Add task") involves that thread's people.
  const threadPeople = new Map(
    [...threads.values()].flat().map((thread) => [thread.id, thread.participants]),
  );
  const fromThreads = threadPeople.size
    ? await db.tasks
        .where('threadId')
        .anyOf([...threadPeople.keys()])
        .toArray()
    : [];
  const tasks = [
    ...new Map([...involving, ...fromEvent, ...fromThreads].map((task) => [task.id, task])).values(),
  ].filter((task) => task.status !== 'completed');
  // Tasks made from the event itself belong to everyone invited.
  const withPeople = tasks.map((task) => {
    const extra = task.eventId === event.id ? others : (threadPeople.get(task.threadId ?? '') ?? []);
    return extra.length ? { ...task, people: [...new Set([...task.people, ...extra])] } : task;
  });
  const brief = buildBrief({
    event,
    userEmails,
    threadsByEmail: threads,
    tasks: withPeople,
    replies,
    ...(prep ? { prep } : {}),
    now,
  });
  const contentHash = textHash(
    JSON.stringify([
      event.title,
      event.description ?? '',
      event.start,
      event.attendeeEmails,
      [...threads.values()].flat().map((thread) => `${thread.id}:${thread.lastAt}`),
      tasks.map((task) => `${task.id}:${task.updatedAt}`),
    ]),
  );
  return { brief, contentHash, threads, tasks: withPeople };
}
