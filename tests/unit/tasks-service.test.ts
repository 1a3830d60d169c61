import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../extension/background/api-client';
import { BrodyDatabase } from '../../extension/background/db';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import {
  createTaskService,
  type TaskService,
  UNDO_WINDOW_MS,
} from '../../extension/background/tasks/task-service';
import { addTask } from '../../extension/background/thread-handlers';
import type { Task } from '../../shared/day/model';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';

let db: BrodyDatabase;
let tasks: TaskService;
let clock: number;
let published: string[][];
let counter = 0;
let ids = 0;

beforeEach(() => {
  db = new BrodyDatabase(`brody-tasks-${counter++}`);
  clock = Date.UTC(2026, 11, 1, 9);
  published = [];
  tasks = createTaskService({
    db,
    now: () => clock,
    newId: () => `id-${++ids}`,
    publishOpenThreads: async (list) => {
      published.push(list);
    },
  });
});
afterEach(async () => {
  await db.delete();
});

const manual = { kind: 'manual' } as const;
const thread = (threadId: string) => ({ kind: 'thread', threadId, subject: 'Q3 budget' }) as const;

describe('task service', () => {
  it('creates a manual task with defaults, newest on top of the order', async () => {
    const first = await tasks.create({ title: '  Book flights ', source: manual });
    clock += 1_000;
    const second = await tasks.create({
      title: 'Renew passport',
      priority: 'high',
      due: '2026-12-03',
      source: manual,
    });
    expect(first).toMatchObject({
      title: 'Book flights',
      notes: '',
      priority: 'medium',
      status: 'pending',
      proposedBy: 'user',
      people: [],
      createdAt: Date.UTC(2026, 11, 1, 9),
    });
    expect(second).toMatchObject({ priority: 'high', due: '2026-12-03' });
    expect((await tasks.list()).map((task) => task.title)).toEqual(['Renew passport', 'Book flights']);
  });

  it('a task from a Gmail thread keys the thread, takes its participants and marks the row', async () => {
    await db.threads.put({
      id: 't-42',
      subject: 'Q3 budget',
      participants: ['ann@acme.example', 'bo@acme.example'],
      lastAt: clock,
      lastFromUser: false,
      asksUser: true,
      awaitingThem: false,
      unread: true,
      seenAt: clock,
    });
    const task = await tasks.create({
      title: 'Reply to Ann',
      source: thread('t-42'),
      people: ['Ann@Acme.example'],
    });
    expect(task).toMatchObject({ threadId: 't-42', proposedBy: 'mail', source: thread('t-42') });
    expect(task.people).toEqual(['ann@acme.example', 'bo@acme.example']);
    expect(published.at(-1)).toEqual(['t-42']);
  });

  it('updates title, notes, priority and due; clears due with null', async () => {
    const task = await tasks.create({ title: 'Draft', source: manual, due: '2026-12-02' });
    clock += 5;
    const answer = await tasks.update(task.id, {
      title: 'Draft the memo',
      notes: 'two pages',
      priority: 'low',
    });
    expect(answer.ok && answer.task).toMatchObject({
      title: 'Draft the memo',
      notes: 'two pages',
      priority: 'low',
      due: '2026-12-02',
      updatedAt: clock,
    });
    const cleared = await tasks.update(task.id, { due: null });
    expect(cleared.ok && 'due' in cleared.task).toBe(false);
    expect(await tasks.update('missing', { title: 'x' })).toEqual({ ok: false, error: 'not-found' });
  });

  it('completing stamps completedAt and unmarks the thread; reopening clears it', async () => {
    const task = await tasks.create({ title: 'Send numbers', source: thread('t-1') });
    expect(published.at(-1)).toEqual(['t-1']);
    clock += 60_000;
    const done = await tasks.update(task.id, { status: 'completed' });
    expect(done.ok && done.task.completedAt).toBe(clock);
    expect(published.at(-1)).toEqual([]);
    const reopened = await tasks.update(task.id, { status: 'in_progress' });
    expect(reopened.ok && reopened.task.completedAt).toBeUndefined();
    expect(published.at(-1)).toEqual(['t-1']);
  });

  it('moves a task up and down among open tasks, skipping completed ones', async () => {
    const c = await tasks.create({ title: 'C', source: manual });
    await tasks.create({ title: 'B', source: manual });
    const done = await tasks.create({ title: 'done', source: manual });
    const a = await tasks.create({ title: 'A', source: manual });
    await tasks.update(done.id, { status: 'completed' });
    const open = async () => (await tasks.list()).filter((t) => t.status !== 'completed').map((t) => t.title);
    expect(await open()).toEqual(['A', 'B', 'C']);
    await tasks.move(c.id, -1);
    expect(await open()).toEqual(['A', 'C', 'B']);
    await tasks.move(a.id, 1);
    expect(await open()).toEqual(['C', 'A', 'B']);
    // The first cannot go further up; nothing changes.
    await tasks.move(c.id, -1);
    expect(await open()).toEqual(['C', 'A', 'B']);
  });

  it('moves tasks that share an order (migrated rows) instead of doing nothing', async () => {
    const base: Omit<Task, 'id' | 'title' | 'order' | 'createdAt' | 'updatedAt'> = {
      notes: '',
      priority: 'medium',
      status: 'pending',
      source: manual,
      proposedBy: 'user',
      people: [],
    };
    await db.tasks.bulkPut([
      { ...base, id: 'x', title: 'X', order: 5, createdAt: 1, updatedAt: 1 },
      { ...base, id: 'y', title: 'Y', order: 5, createdAt: 1, updatedAt: 1 },
    ]);
    const before = (await tasks.list()).map((t) => t.id);
    await tasks.move(before[1] as string, -1);
    expect((await tasks.list()).map((t) => t.id)).toEqual([before[1], before[0]]);
  });

  it('delete removes the row and undo within the window restores it exactly', async () => {
    const task = await tasks.create({ title: 'Call Bo', source: thread('t-9'), notes: 'about Q3' });
    const removed = await tasks.remove(task.id);
    expect(removed.ok).toBe(true);
    expect(await db.tasks.get(task.id)).toBeUndefined();
    expect(published.at(-1)).toEqual([]);
    const token = removed.ok ? removed.undoToken : '';
    clock += UNDO_WINDOW_MS - 1;
    const undone = await tasks.undoRemove(token);
    expect(undone.ok).toBe(true);
    expect(await db.tasks.get(task.id)).toEqual(task);
    expect(published.at(-1)).toEqual(['t-9']);
    // A token works once.
    expect(await tasks.undoRemove(token)).toEqual({ ok: false, error: 'not-found' });
  });

  it('undo after the window is refused and the task stays deleted', async () => {
    const task = await tasks.create({ title: 'Old', source: manual });
    const removed = await tasks.remove(task.id);
    clock += UNDO_WINDOW_MS + 1;
    expect(await tasks.undoRemove(removed.ok ? removed.undoToken : '')).toEqual({
      ok: false,
      error: 'expired',
    });
    expect(await db.tasks.count()).toBe(0);
    expect(await tasks.remove('nope')).toEqual({ ok: false, error: 'not-found' });
  });

  it('the thread card task takes the thread participants when Brody has seen the thread', async () => {
    await db.threads.put({
      id: 't-7',
      subject: 'Offsite',
      participants: ['cy@acme.example'],
      lastAt: 1,
      lastFromUser: false,
      asksUser: false,
      awaitingThem: false,
      unread: false,
      seenAt: 1,
    });
    const answer = await addTask(
      {
        db,
        api: createApiClient({ baseUrl: async () => 'http://127.0.0.1:1' }),
        aiEnabled: async () => false,
        userEmails: async () => [],
      },
      { title: 'Book the venue', threadId: 't-7' },
    );
    expect((await db.tasks.get(answer.id))?.people).toEqual(['cy@acme.example']);
  });
});

describe('task requests through the router', () => {
  const route = () =>
    createRuntimeRouter({
      runtimeId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      db,
      api: createApiClient({ baseUrl: async () => 'http://127.0.0.1:1' }),
      apiUrl: async () => 'http://127.0.0.1:1',
      tasks,
    });
  const popup = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` };
  const gmail = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox' };

  it('a Gmail tab may create a task from a thread but not list, edit, move or delete', async () => {
    const created = await route()(
      { type: 'task-create', task: { title: 'From row', source: thread('t-3') } },
      gmail,
    );
    expect(created).toMatchObject({ ok: true, task: { title: 'From row', threadId: 't-3' } });
    const id = (await db.tasks.toArray())[0]?.id ?? '';
    for (const message of [
      { type: 'task-list' },
      { type: 'task-update', id, patch: { status: 'completed' } },
      { type: 'task-move', id, by: 1 },
      { type: 'task-delete', id },
      { type: 'task-undo-delete', token: 'x' },
    ]) {
      expect(await route()(message, gmail)).toEqual({ rejected: true, reason: 'sender' });
    }
    expect((await db.tasks.get(id))?.status).toBe('pending');
  });

  it('the popup edits, completes and deletes; malformed requests are refused by shape', async () => {
    const created = await route()({ type: 'task-create', task: { title: 'Manual', source: manual } }, popup);
    const id = 'task' in created && !Array.isArray(created.task) ? (created.task as { id: string }).id : '';
    expect(await route()({ type: 'task-update', id, patch: { status: 'completed' } }, popup)).toMatchObject({
      ok: true,
      task: { status: 'completed' },
    });
    expect(await route()({ type: 'task-update', id, patch: { priority: 'urgent' } }, popup)).toEqual({
      rejected: true,
      reason: 'shape',
    });
    expect(await route()({ type: 'task-create', task: { title: '', source: manual } }, popup)).toEqual({
      rejected: true,
      reason: 'shape',
    });
    expect(await route()({ type: 'task-delete', id }, popup)).toMatchObject({ ok: true });
    expect(await db.tasks.count()).toBe(0);
  });
});
