import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredAccount } from '../../extension/background/account/token-store';
import { updatePrep } from '../../extension/background/calendar/prep';
import { BrodyDatabase } from '../../extension/background/db';
import { createRulesService } from '../../extension/background/rules-handlers';
import { createSyncEngine, type SyncEngine } from '../../extension/background/sync/engine';
import { applySettings, recordSetting } from '../../extension/background/sync/settings-sync';
import { diffRow } from '../../extension/background/sync/sync-tables';
import { createTaskService, type TaskService } from '../../extension/background/tasks/task-service';
import { syncLabel } from '../../extension/components/sync-label';
import type { PullRequest, PushRequest } from '../../shared/sync/protocol';
import { ReferenceSyncServer } from '../support/sync-reference-server';

const manual = { kind: 'manual' } as const;
let counter = 0;
const opened: BrodyDatabase[] = [];

function newDb(): BrodyDatabase {
  const db = new BrodyDatabase(`brody-sync-${counter++}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** The reference server behind the background's authorised fetch; `failNext` cuts calls off. */
function serverTransport(server: ReferenceSyncServer) {
  const calls: { path: string; body: unknown }[] = [];
  const control = {
    calls,
    /** Throws instead of answering: before the server saw the call, or after it applied it. */
    failNext: null as null | 'before' | 'after',
  };
  const fetch = async (path: string, init?: { json?: unknown }): Promise<Response> => {
    calls.push({ path, body: init?.json });
    if (control.failNext === 'before') {
      control.failNext = null;
      throw new TypeError('Failed to fetch');
    }
    const answer =
      path === '/v1/sync/push'
        ? { ...server.push(init?.json as PushRequest), rejected: [] }
        : { ...server.pull(init?.json as PullRequest), more: false };
    if (control.failNext === 'after') {
      control.failNext = null;
      throw new TypeError('network changed');
    }
    return new Response(JSON.stringify(answer), { status: 200 });
  };
  return { control, fetch };
}

interface Device {
  db: BrodyDatabase;
  tasks: TaskService;
  sync: SyncEngine;
  control: ReturnType<typeof serverTransport>['control'];
  timers: number[];
}

function device(server: ReferenceSyncServer, deviceId: string, clock: { now: number }): Device {
  const db = newDb();
  const { control, fetch } = serverTransport(server);
  const account: StoredAccount = {
    deviceId,
    refreshToken: 'r'.repeat(30),
    user: { id: 'u1', email: null, name: null },
  };
  const timers: number[] = [];
  const sync = createSyncEngine({
    db,
    account: { current: async () => account, fetch },
    now: () => clock.now,
    // Timers are recorded, not run: each test drives the syncs itself.
    setTimer: (_run, ms) => {
      timers.push(ms);
      return timers.length;
    },
    clearTimer: () => undefined,
  });
  let ids = 0;
  const tasks = createTaskService({ db, now: () => clock.now, newId: () => `${deviceId}-t${++ids}` });
  return { db, tasks, sync, control, timers };
}

describe('local writes and the outbox', () => {
  it('a task write and its outbox entry are one transaction: if the outbox write fails, the task is unchanged', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const { db, tasks } = device(new ReferenceSyncServer(), 'dev-a', clock);
    const task = await tasks.create({ title: 'Send the deck', source: manual });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.change).toMatchObject({
      table: 'tasks',
      id: task.id,
      set: { title: 'Send the deck', status: 'pending', deleted: false },
    });
    // Occupy the next mutation id, so the next outbox write fails inside the task's transaction.
    const meta = await db.syncMeta.get('state');
    await db.outbox.add({ id: meta?.nextMutationId ?? 0, change: outbox[0]?.change as never });
    await expect(tasks.update(task.id, { status: 'completed' })).rejects.toThrow();
    expect((await db.tasks.get(task.id))?.status).toBe('pending');
  });

  it('mutation ids strictly increase and clocks never go backwards, even when the wall clock does', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const { db, tasks } = device(new ReferenceSyncServer(), 'dev-a', clock);
    const task = await tasks.create({ title: 'One', source: manual });
    clock.now -= 60_000;
    await tasks.update(task.id, { title: 'Two' });
    await tasks.remove(task.id);
    const outbox = await db.outbox.orderBy('id').toArray();
    expect(outbox.map((entry) => entry.id)).toEqual([1, 2, 3]);
    const clocks = outbox.map((entry) => entry.change.hlc);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(3);
    expect(outbox[1]?.change.set).toEqual({ title: 'Two', updatedAt: clock.now });
    expect(outbox[2]?.change.set).toEqual({ deleted: true });
  });

  it('rules and preparation are queued with their writes', async () => {
    const db = newDb();
    const rules = createRulesService({ db, publish: async () => undefined });
    await rules.add({
      id: 'rule-1',
      scope: 'sender',
      sender: 'Boss@Example.com',
      topic: [],
      urgency: 'high',
      createdAt: '2020-01-01T00:00:00.000Z',
      confirmedAt: '2020-01-01T00:00:00.000Z',
      example: '',
    });
    await rules.confirm('boss@example.com');
    await rules.remove('rule-1');
    await updatePrep(db, 'event-1', { status: 'ready' });
    const changes = (await db.outbox.orderBy('id').toArray()).map((entry) => entry.change);
    expect(changes.map((change) => [change.table, change.id])).toEqual([
      ['rules', 'rule-1'],
      ['rules', 'rule-1'],
      ['rules', 'rule-1'],
      ['prep', 'event-1'],
    ]);
    expect(changes[0]?.set).toMatchObject({ sender: 'boss@example.com', deleted: false });
    expect(Object.keys(changes[1]?.set ?? {})).toEqual(['confirmedAt']);
    expect(changes[2]?.set).toEqual({ deleted: true });
    expect(changes[3]?.set).toMatchObject({ status: 'ready', deleted: false });
  });

  it('a removed optional field is sent as null, an unchanged one not at all', () => {
    expect(diffRow({ a: 1, due: 'x' }, { a: 1 })).toEqual({ due: null });
    expect(diffRow({ a: 1 }, { a: 1 })).toEqual({});
    expect(diffRow(undefined, { a: 1 })).toEqual({ a: 1, deleted: false });
  });
});

describe('Dexie version 4 migration', () => {
  it('keeps version 3 data and queues every task, rule and preparation for the first sync', async () => {
    const name = `brody-sync-migrate-${counter++}`;
    const old = new Dexie(name);
    old.version(3).stores({
      triage: 'id, urgency, updatedAt',
      tasks: 'id, status, due, order, threadId, eventId, *people, updatedAt',
      rules: 'id, sender, confirmedAt',
      events: 'id, start, *attendeeEmails, seenAt',
      threads: 'id, lastAt, *participants, urgency, seenAt',
      prep: 'eventId, updatedAt',
      briefs: 'eventId',
    });
    const task = {
      id: 'old-task',
      title: 'Made before sync',
      notes: '',
      priority: 'medium',
      status: 'pending',
      source: { kind: 'manual' },
      proposedBy: 'user',
      people: [],
      order: 1,
      createdAt: 1,
      updatedAt: 1,
    };
    await old.table('tasks').add(task);
    await old.table('prep').add({ eventId: 'ev', status: 'in_progress', checklist: [], updatedAt: 2 });
    old.close();

    const db = new BrodyDatabase(name);
    opened.push(db);
    expect(await db.tasks.get('old-task')).toEqual(task);
    const queued = (await db.outbox.orderBy('id').toArray()).map((entry) => entry.change);
    expect(queued.map((change) => `${change.table}/${change.id}`)).toEqual(['tasks/old-task', 'prep/ev']);
    expect(queued[0]?.set).toMatchObject({ title: 'Made before sync', deleted: false });
    expect((await db.syncMeta.get('state'))?.nextMutationId).toBe(3);
  });
});

describe('push and pull', () => {
  it('a task made on one device arrives on the other, and completing it there completes it here', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const a = device(server, 'dev-a', clock);
    const b = device(server, 'dev-b', clock);
    const task = await a.tasks.create({ title: 'Book the venue', source: manual, due: '2026-12-03' });
    await a.sync.syncNow();
    expect(await a.db.outbox.count()).toBe(0);
    await b.sync.syncNow();
    expect(await b.db.tasks.get(task.id)).toEqual(task);

    clock.now += 1_000;
    await b.tasks.update(task.id, { status: 'completed', due: null });
    await b.sync.syncNow();
    await a.sync.syncNow();
    const done = await a.db.tasks.get(task.id);
    expect(done?.status).toBe('completed');
    expect(done?.due).toBeUndefined();

    await a.tasks.remove(task.id);
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(await b.db.tasks.get(task.id)).toBeUndefined();
  });

  it('merges per field: a newer local edit still in the outbox survives a pull, an older one does not win', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const a = device(server, 'dev-a', clock);
    const b = device(server, 'dev-b', clock);
    const task = await a.tasks.create({ title: 'Draft', source: manual });
    await a.sync.syncNow();
    await b.sync.syncNow();

    clock.now += 1_000;
    await b.tasks.update(task.id, { title: 'B title', notes: 'from B' });
    await b.sync.syncNow();
    clock.now += 1_000;
    // A edits the title later, offline: its push fails, then it pulls B's older edit.
    await a.tasks.update(task.id, { title: 'A title' });
    a.control.failNext = 'before';
    await a.sync.syncNow();
    expect(await a.db.outbox.count()).toBe(1);
    const pulled = server.pull({ deviceId: 'dev-a', cursor: 0 });
    const { applyPull } = await import('../../extension/background/sync/apply-pull');
    await applyPull(a.db, { ...pulled, more: false }, () => clock.now);
    expect(await a.db.tasks.get(task.id)).toMatchObject({ title: 'A title', notes: 'from B' });

    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(await b.db.tasks.get(task.id)).toMatchObject({ title: 'A title', notes: 'from B' });
    expect(await a.db.tasks.get(task.id)).toEqual(await b.db.tasks.get(task.id));
  });

  it('a push cut off after the API applied it loses nothing, is sent again and applied once', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const a = device(server, 'dev-a', clock);
    const b = device(server, 'dev-b', clock);
    for (const title of ['One', 'Two', 'Three']) await a.tasks.create({ title, source: manual });
    a.control.failNext = 'after';
    await a.sync.syncNow();
    // The answer never came: the outbox keeps everything, and the engine backs off.
    expect(await a.db.outbox.count()).toBe(3);
    expect((await a.sync.status()).offline).toBe(true);
    expect((await a.sync.status()).waiting).toBe(3);
    expect(a.timers.at(-1)).toBe(1_000);

    // A "restarted service worker": a new engine over the same database.
    const restarted = createSyncEngine({
      db: a.db,
      account: {
        current: async () => ({
          deviceId: 'dev-a',
          refreshToken: 'r'.repeat(30),
          user: { id: 'u1', email: null, name: null },
        }),
        fetch: serverTransport(server).fetch,
      },
      now: () => clock.now,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    await restarted.syncNow();
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.applied()).toEqual(['dev-a/1', 'dev-a/2', 'dev-a/3']);
    await b.sync.syncNow();
    expect((await b.db.tasks.toArray()).map((task) => task.title).sort()).toEqual(['One', 'Three', 'Two']);
  });

  it('a push that never reached the API is retried with growing delays and nothing is lost', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const a = device(server, 'dev-a', clock);
    await a.tasks.create({ title: 'On the plane', source: manual });
    for (let attempt = 0; attempt < 3; attempt++) {
      a.control.failNext = 'before';
      await a.sync.syncNow();
    }
    expect(a.timers.filter((ms) => ms >= 1_000)).toEqual([1_000, 2_000, 4_000]);
    expect(await a.db.outbox.count()).toBe(1);
    await a.sync.online();
    expect(await a.db.outbox.count()).toBe(0);
    expect(server.applied()).toEqual(['dev-a/1']);
    expect(await a.sync.status()).toMatchObject({ offline: false, waiting: 0, lastSyncedAt: clock.now });
  });

  it('signing in as a new device renumbers the waiting outbox from 1 and pulls from the start', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const db = newDb();
    const tasks = createTaskService({ db, now: () => clock.now });
    let account: StoredAccount | null = null;
    const { fetch } = serverTransport(server);
    const sync = createSyncEngine({
      db,
      account: { current: async () => account, fetch },
      now: () => clock.now,
      setTimer: () => 0,
      clearTimer: () => undefined,
    });
    await tasks.create({ title: 'Before sign-in', source: manual });
    await tasks.create({ title: 'Also before', source: manual });
    await db.outbox.where('id').equals(1).delete();
    // Signed out: nothing is sent.
    await sync.syncNow();
    expect(server.applied()).toEqual([]);
    account = {
      deviceId: 'fresh',
      refreshToken: 'r'.repeat(30),
      user: { id: 'u1', email: null, name: null },
    };
    await sync.syncNow();
    expect(server.applied()).toEqual(['fresh/1']);
    expect(await db.outbox.count()).toBe(0);
  });

  it('the sync tick pulls at most once a second', async () => {
    const server = new ReferenceSyncServer();
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const a = device(server, 'dev-a', clock);
    await a.sync.tick();
    await a.sync.tick();
    const pulls = () => a.control.calls.filter((call) => call.path === '/v1/sync/pull').length;
    expect(pulls()).toBe(1);
    clock.now += 1_000;
    await a.sync.tick();
    expect(pulls()).toBe(2);
  });
});

describe('synced settings', () => {
  it('records a changed setting once, and not the value a pull just wrote', async () => {
    const db = newDb();
    expect(await recordSetting(db, 'vips', [])).toBe(false);
    expect(await recordSetting(db, 'vips', ['boss@example.com'])).toBe(true);
    expect(await recordSetting(db, 'vips', ['boss@example.com'])).toBe(false);
    const written: [string, unknown][] = [];
    await applySettings(
      new Map<string, never>([
        ['vips', ['a@example.com'] as never],
        ['apiUrl', 'https://evil.example' as never],
        ['priorities', 42 as never],
      ]),
      {
        get: async () => undefined as never,
        set: async (name, value) => {
          written.push([name, value]);
        },
      },
    );
    expect(written).toEqual([['vips', ['a@example.com']]]);
  });
});

describe('sync line', () => {
  const at = (ms: number) => `at ${ms}`;
  it('says signed out, offline with what waits, or when it last synced', () => {
    expect(syncLabel({ signedIn: false, lastSyncedAt: 5, waiting: 2, offline: true }, at)).toBe(
      'Not signed in',
    );
    expect(syncLabel({ signedIn: true, lastSyncedAt: 5, waiting: 2, offline: true }, at)).toBe(
      'Offline, 2 changes waiting',
    );
    expect(syncLabel({ signedIn: true, lastSyncedAt: 5, waiting: 1, offline: true }, at)).toBe(
      'Offline, 1 change waiting',
    );
    expect(syncLabel({ signedIn: true, lastSyncedAt: 5, waiting: 0, offline: false }, at)).toBe(
      'Synced at 5',
    );
  });
});
