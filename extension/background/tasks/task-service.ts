/**
 * Tasks on the device: Dexie is the source of truth. After every change the set of threads with an
 * open task is published to extension storage, so Gmail tabs (which cannot open Dexie) mark rows
 * without asking. A deleted task is kept in memory for a short while behind an undo token.
 */
import type { Task } from '../../../shared/day/model';
import type { CreateTaskInput, TaskPatch } from '../../platform/task-messages';
import type { BrodyDatabase } from '../db';
import { recordWrite, SYNC_STORES } from '../sync/sync-tables';

export const UNDO_WINDOW_MS = 10_000;
/** Bounded so the published list stays small enough for every Gmail tab to hold. */
export const MAX_MARKED_THREADS = 5_000;

export type TaskResult<T> = ({ ok: true } & T) | { ok: false; error: 'not-found' | 'expired' };

export interface TaskServiceDeps {
  db: BrodyDatabase;
  /** Thread ids with an open task, after every change. */
  publishOpenThreads?: (threadIds: string[]) => Promise<void>;
  now?: () => number;
  newId?: () => string;
}

export interface TaskService {
  list(): Promise<Task[]>;
  create(input: CreateTaskInput, proposedBy?: Task['proposedBy']): Promise<Task>;
  update(id: string, patch: TaskPatch): Promise<TaskResult<{ task: Task }>>;
  /** Swaps the task with its neighbour in the user's order (among tasks that are not completed). */
  move(id: string, by: -1 | 1): Promise<TaskResult<{ tasks: Task[] }>>;
  remove(id: string): Promise<TaskResult<{ undoToken: string }>>;
  undoRemove(token: string): Promise<TaskResult<{ task: Task }>>;
  publish(): Promise<string[]>;
}

const isOpen = (task: Task): boolean => task.status !== 'completed';

function normalisedPeople(people: readonly string[] = []): string[] {
  return [...new Set(people.map((person) => person.trim().toLowerCase()).filter((p) => p.includes('@')))];
}

export function createTaskService(deps: TaskServiceDeps): TaskService {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const deleted = new Map<string, { task: Task; until: number }>();

  const publish = async (): Promise<string[]> => {
    const open = await db.tasks.where('status').anyOf('pending', 'in_progress').toArray();
    const ids = [...new Set(open.flatMap((task) => (task.threadId ? [task.threadId] : [])))].slice(
      0,
      MAX_MARKED_THREADS,
    );
    await deps.publishOpenThreads?.(ids);
    return ids;
  };
  const changed = async (): Promise<void> => {
    await publish().catch(() => undefined);
  };

  const list = async (): Promise<Task[]> => db.tasks.orderBy('order').toArray();
  /** Every task write goes with its outbox entry, in one transaction. */
  const write = <T>(body: () => Promise<T>): Promise<T> =>
    db.transaction('rw', ['tasks', ...SYNC_STORES], body);
  const put = async (before: Task | undefined, after: Task): Promise<void> => {
    await db.tasks.put(after);
    await recordWrite(db, 'tasks', after.id, before, after, now);
  };

  return {
    list,
    publish,
    async create(input, proposedBy = input.source.kind === 'manual' ? 'user' : 'mail') {
      const stamp = now();
      const threadId = input.source.kind === 'thread' ? input.source.threadId : undefined;
      const eventId = input.source.kind === 'event' ? input.source.eventId : undefined;
      const seen = threadId ? await db.threads.get(threadId) : undefined;
      const first = await db.tasks.orderBy('order').first();
      const id = newId();
      const task: Task = {
        id,
        title: input.title.trim(),
        notes: input.notes ?? '',
        priority: input.priority ?? 'medium',
        status: 'pending',
        ...(input.due ? { due: input.due } : {}),
        source: input.source,
        proposedBy,
        people: normalisedPeople([...(input.people ?? []), ...(seen?.participants ?? [])]),
        // New tasks go on top: what the user just added is what they are thinking about.
        order: Math.min(first?.order ?? stamp, stamp) - 1,
        ...(threadId ? { threadId } : {}),
        ...(eventId ? { eventId } : {}),
        createdAt: stamp,
        updatedAt: stamp,
      };
      await write(async () => {
        await db.tasks.add(task);
        await recordWrite(db, 'tasks', id, undefined, task, now);
      });
      await changed();
      return task;
    },
    async update(id, patch) {
      const task = await write(async () => {
        const stored = await db.tasks.get(id);
        if (!stored) return undefined;
        const stamp = now();
        const { due, ...rest } = patch;
        const next: Task = { ...stored, ...rest, updatedAt: stamp };
        if (due === null) delete next.due;
        else if (due !== undefined) next.due = due;
        if (patch.status === 'completed' && stored.status !== 'completed') next.completedAt = stamp;
        if (patch.status && patch.status !== 'completed') delete next.completedAt;
        await put(stored, next);
        return next;
      });
      if (!task) return { ok: false, error: 'not-found' };
      await changed();
      return { ok: true, task };
    },
    async move(id, by) {
      const result = await write(async () => {
        const ordered = (await db.tasks.orderBy('order').toArray()).filter(isOpen);
        const at = ordered.findIndex((task) => task.id === id);
        if (at < 0) return undefined;
        const other = ordered[at + by];
        const task = ordered[at] as Task;
        if (other) {
          const stamp = now();
          // Equal orders (migrated rows made in the same millisecond) would make a swap a no-op.
          const [mine, theirs] =
            other.order === task.order ? [task.order + by, task.order] : [other.order, task.order];
          await put(task, { ...task, order: mine, updatedAt: stamp });
          await put(other, { ...other, order: theirs, updatedAt: stamp });
        }
        return list();
      });
      return result ? { ok: true, tasks: result } : { ok: false, error: 'not-found' };
    },
    async remove(id) {
      const task = await write(async () => {
        const stored = await db.tasks.get(id);
        if (!stored) return undefined;
        await db.tasks.delete(id);
        await recordWrite(db, 'tasks', id, stored, undefined, now);
        return stored;
      });
      if (!task) return { ok: false, error: 'not-found' };
      const token = newId();
      const at = now();
      for (const [key, entry] of deleted) if (entry.until < at) deleted.delete(key);
      deleted.set(token, { task, until: at + UNDO_WINDOW_MS });
      await changed();
      return { ok: true, undoToken: token };
    },
    async undoRemove(token) {
      const entry = deleted.get(token);
      if (!entry) return { ok: false, error: 'not-found' };
      deleted.delete(token);
      if (entry.until < now()) return { ok: false, error: 'expired' };
      await write(async () => {
        await db.tasks.put(entry.task);
        // Back from its tombstone: every field again, and `deleted` turned off.
        await recordWrite(db, 'tasks', entry.task.id, { deleted: true }, entry.task, now);
      });
      await changed();
      return { ok: true, task: entry.task };
    },
  };
}
