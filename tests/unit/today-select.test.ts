import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrodyDatabase, storeResults } from '../../extension/background/db';
import { openExisting } from '../../extension/background/today/idb';
import { countRatedHigh, loadToday as loadFromIdb } from '../../extension/background/today/load';
import {
  localDay,
  repliesOwed,
  taskUrgency,
  threadLink,
  todaysMeetings,
  topTasks,
} from '../../extension/background/today/select';
import {
  type CalendarEvent,
  type SeenThread,
  TASK_STATUSES,
  type Task,
  withOwedAt,
} from '../../shared/day/model';
import type { TriageResult } from '../../shared/schemas';

// A zone west of UTC, late in the evening: the UTC date is already tomorrow, the user's is not.
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
const NOW = () => new Date('2026-12-02T04:30:00Z'); // 23:30 on 1 December in New York

let order = 0;
function task(title: string, fields: Partial<Task> = {}): Task {
  return {
    id: title,
    title,
    notes: '',
    priority: 'medium',
    status: 'pending',
    source: { kind: 'manual' },
    proposedBy: 'user',
    people: [],
    order: order++,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}
function event(id: string, start: string, fields: Partial<CalendarEvent> = {}): CalendarEvent {
  return { id, title: id, start, allDay: false, attendees: [], attendeeEmails: [], seenAt: 1, ...fields };
}
/** As the background stores it (people/record.ts): with owedAt set from its own fields. */
function thread(id: string, fields: Partial<SeenThread> = {}): SeenThread {
  return withOwedAt({
    id,
    subject: `Subject ${id}`,
    participants: [],
    lastAt: 1,
    lastFromUser: false,
    asksUser: false,
    awaitingThem: false,
    unread: true,
    seenAt: 1,
    ...fields,
  });
}

describe('Today in local time', () => {
  it('the local day is the user’s, not UTC’s', () => {
    expect(NOW().toISOString().slice(0, 10)).toBe('2026-12-02');
    expect(localDay(NOW())).toBe('2026-12-01');
  });

  it('overdue, due today and high priority, in the user’s time zone', () => {
    const now = NOW();
    expect(taskUrgency(task('a', { due: '2026-11-30' }), now)).toBe('overdue');
    expect(taskUrgency(task('b', { due: '2026-12-01' }), now)).toBe('today');
    // Tomorrow for the user even though it is already that date in UTC.
    expect(taskUrgency(task('c', { due: '2026-12-02' }), now)).toBeUndefined();
    expect(taskUrgency(task('d', { due: '2026-12-02', priority: 'high' }), now)).toBe('high');
    // Today at 22:00 local has passed at 23:30.
    expect(taskUrgency(task('e', { due: '2026-12-01T22:00:00-05:00' }), now)).toBe('overdue');
    expect(taskUrgency(task('f', { due: '2026-12-01T23:45:00-05:00' }), now)).toBe('today');
    expect(taskUrgency(task('g', { due: '2026-11-01', status: 'completed' }), now)).toBeUndefined();
    expect(taskUrgency(task('h'), now)).toBeUndefined();
  });

  it('top tasks: overdue (oldest first), then due today, then high; the user’s order breaks ties', () => {
    const tasks = [
      task('high-2', { priority: 'high' }),
      task('today', { due: '2026-12-01' }),
      task('overdue-new', { due: '2026-11-30' }),
      task('plain', { due: '2026-12-05' }),
      task('high-1', { priority: 'high', order: -5 }),
      task('overdue-old', { due: '2026-11-20' }),
      task('done', { due: '2026-11-20', status: 'completed' }),
    ];
    expect(topTasks(tasks, NOW()).map(({ task, why }) => `${task.title}:${why}`)).toEqual([
      'overdue-old:overdue',
      'overdue-new:overdue',
      'today:today',
      'high-1:high',
      'high-2:high',
    ]);
    expect(topTasks(tasks, NOW(), 2)).toHaveLength(2);
  });

  it('meetings that start during the local today, all-day first', () => {
    const events = [
      event('late-evening', '2026-12-02T03:00:00Z'), // 22:00 local, 1 Dec
      event('after-midnight', '2026-12-02T06:00:00Z'), // 01:00 local, 2 Dec
      event('morning', '2026-12-01T09:00:00-05:00'),
      event('yesterday', '2026-11-30T23:00:00-05:00'),
      event('offsite', '2026-12-01', { allDay: true }),
    ];
    expect(todaysMeetings(events, NOW()).map((e) => e.id)).toEqual(['offsite', 'morning', 'late-evening']);
  });

  it('replies owed: the user’s debts first, newest first', () => {
    const owed = repliesOwed([
      thread('wait-new', { awaitingThem: true, lastAt: 30 }),
      thread('owe-old', { asksUser: true, lastAt: 10 }),
      thread('quiet', { lastAt: 40 }),
      thread('owe-new', { asksUser: true, lastAt: 20 }),
    ]);
    expect(owed.map((o) => `${o.thread.id}:${o.direction}`)).toEqual([
      'owe-new:you_owe',
      'owe-old:you_owe',
      'wait-new:they_owe',
    ]);
  });

  it('links reopen the thread in Gmail by its hex id', () => {
    expect(threadLink('1789000000000000001')).toBe(
      `https://mail.google.com/mail/u/0/#all/${(1789000000000000001n).toString(16)}`,
    );
    expect(threadLink('18d2f3a4b5c6d7e8')).toBe('https://mail.google.com/mail/u/0/#all/18d2f3a4b5c6d7e8');
  });
});

describe('loadToday from IndexedDB', () => {
  let db: BrodyDatabase;
  const loadToday = (db: BrodyDatabase, now: Date) => loadFromIdb(db.backendDB(), now);
  afterEach(async () => {
    await db.delete();
  });
  const result = (id: string, urgency: TriageResult['urgency']): TriageResult => ({
    id,
    urgency,
    category: 'action',
    reasons: [{ rule: 'deadline', text: `reason ${id}`, weight: 3 }],
    score: 3,
    source: 'rules',
    engine: 'rules-1',
    suspicious: false,
    at: '2026-12-01T10:00:00.000Z',
  });

  it('joins meetings with prep, high mail with threads (read ones left out), and replies owed', async () => {
    db = new BrodyDatabase('today-load');
    await db.events.bulkPut([
      event('standup', '2026-12-01T09:30:00-05:00'),
      event('tomorrow', '2026-12-02T09:30:00-05:00'),
    ]);
    await db.prep.put({ eventId: 'standup', status: 'ready', checklist: [], updatedAt: 1 });
    await db.tasks.bulkPut([task('t-due', { due: '2026-12-01' }), task('t-later', { due: '2026-12-09' })]);
    await storeResults(db, [
      { result: result('unread-high', 'high'), contentHash: 'a' },
      { result: result('read-high', 'high'), contentHash: 'b' },
      { result: result('unknown-high', 'high'), contentHash: 'c' },
      { result: result('low', 'low'), contentHash: 'd' },
    ]);
    await db.threads.bulkPut([
      thread('unread-high', { lastFrom: 'ann@acme.example', names: { 'ann@acme.example': 'Ann Lee' } }),
      thread('read-high', { unread: false }),
      thread('owed', { asksUser: true, lastAt: 5 }),
    ]);
    const today = await loadToday(db, NOW());
    expect(today.meetings).toEqual([{ event: expect.objectContaining({ id: 'standup' }), prep: 'ready' }]);
    expect(today.tasks.map(({ task }) => task.id)).toEqual(['t-due']);
    expect(today.anyOpenTask).toBe(true);
    expect(await countRatedHigh(db.backendDB())).toBe(3);
    expect(today.urgent.map((mail) => [mail.id, mail.subject, mail.from ?? ''])).toEqual(
      expect.arrayContaining([
        ['unread-high', 'Subject unread-high', 'Ann Lee'],
        ['unknown-high', '', ''],
      ]),
    );
    expect(today.urgent.find((mail) => mail.id === 'unknown-high')?.reason).toBe('reason unknown-high');
    expect(today.urgent.some((mail) => mail.id === 'read-high')).toBe(false);
    expect(today.replies.map((r) => r.thread.id)).toEqual(['owed']);
  });

  it('top tasks read from the due index match the full ranking, with or without enough due work', async () => {
    db = new BrodyDatabase('today-top-tasks');
    const overdue = Array.from({ length: 9 }, (_, i) =>
      task(`late-${i}`, { due: `2026-11-${String(20 + (i % 3)).padStart(2, '0')}` }),
    );
    const done = task('done-late', { due: '2026-11-01', status: 'completed' });
    // 04:50 UTC on 2 December is 23:50 on 1 December in New York: due today, not tomorrow.
    const tonight = task('tonight', { due: '2026-12-02T04:50:00Z' });
    const high = task('high-undated', { priority: 'high' });
    await db.tasks.bulkPut([...overdue, done, tonight, high]);
    const all = await db.tasks.toArray();
    const full = topTasks(all, NOW()).map(({ task }) => task.id);
    expect((await loadToday(db, NOW())).tasks.map(({ task }) => task.id)).toEqual(full);
    expect(full).not.toContain('done-late');

    // Fewer due tasks than the list holds: the high-priority one without a due date still shows.
    await db.tasks.bulkDelete(overdue.slice(2).map((t) => t.id));
    const few = (await loadToday(db, NOW())).tasks.map(({ task, why }) => `${task.id}:${why}`);
    expect(few).toEqual(['late-0:overdue', 'late-1:overdue', 'tonight:today', 'high-undated:high']);
    expect((await loadToday(db, NOW())).anyOpenTask).toBe(true);
    await db.tasks.toCollection().modify({ status: 'completed' });
    const none = await loadToday(db, NOW());
    expect([none.anyOpenTask, none.tasks]).toEqual([false, []]);
  });

  it('urgent mail reads threads in rounds until ten unread are found, past many read ones', async () => {
    db = new BrodyDatabase('today-urgent-rounds');
    await storeResults(
      db,
      Array.from({ length: 60 }, (_, i) => ({ result: result(`u-${i}`, 'high'), contentHash: `${i}` })),
    );
    // Newest first: storeResults stamps one time, so updatedAt ties break by id; make the order explicit.
    await db.triage.toCollection().modify((row) => {
      row.updatedAt = 1_000 - Number(row.id.slice(2));
    });
    await db.threads.bulkPut(Array.from({ length: 60 }, (_, i) => thread(`u-${i}`, { unread: i >= 35 })));
    const urgent = (await loadToday(db, NOW())).urgent.map((mail) => mail.id);
    expect(urgent).toEqual(Array.from({ length: 10 }, (_, i) => `u-${35 + i}`));
  });

  it('replies owed are the newest owed threads from the owedAt index, read or written either way', async () => {
    db = new BrodyDatabase('today-owed');
    const many = Array.from({ length: 30 }, (_, i) =>
      thread(`t-${i}`, {
        lastAt: 1_000 + i,
        asksUser: i % 3 === 0,
        awaitingThem: i % 5 === 0 && i % 3 !== 0,
      }),
    );
    await db.threads.bulkPut(many);
    const owed = many.filter((t) => t.asksUser || t.awaitingThem).sort((a, b) => b.lastAt - a.lastAt);
    const replies = (await loadToday(db, NOW())).replies;
    expect(replies).toHaveLength(10);
    expect(new Set(replies.map((r) => r.thread.id))).toEqual(new Set(owed.slice(0, 10).map((t) => t.id)));
    expect(replies.filter((r) => r.direction === 'you_owe').every((r) => r.thread.asksUser)).toBe(true);

    // Answering a thread takes it off the index, so it leaves Today without a scan.
    await db.threads.put(withOwedAt({ ...many[27]!, asksUser: false, lastFromUser: true }));
    const after = (await loadToday(db, NOW())).replies.map((r) => r.thread.id);
    expect(after).not.toContain('t-27');
    expect(after).toContain(owed[10]!.id);
  });

  it('without a directed getAll (browsers before Chromium 141) a reverse cursor gives the same day', async () => {
    db = new BrodyDatabase('today-cursor');
    await storeResults(
      db,
      Array.from({ length: 80 }, (_, i) => ({ result: result(`h-${i}`, 'high'), contentHash: `${i}` })),
    );
    await db.threads.bulkPut(
      Array.from({ length: 40 }, (_, i) =>
        thread(`h-${i}`, { lastAt: i, asksUser: i % 2 === 0, unread: i % 4 !== 0 }),
      ),
    );
    const withDirection = await loadToday(db, NOW());
    const proto = IDBIndex.prototype as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, 'getAllRecords');
    expect(saved).toBeDefined();
    delete proto.getAllRecords;
    try {
      const withCursor = await loadToday(db, NOW());
      expect(withCursor.urgent).toEqual(withDirection.urgent);
      expect(withCursor.replies).toEqual(withDirection.replies);
      expect(withCursor.urgent).toHaveLength(10);
    } finally {
      Object.defineProperty(proto, 'getAllRecords', saved!);
    }
  });

  it('version 6 gives threads stored before it their owedAt, so an upgraded install shows its replies owed', async () => {
    const name = 'today-upgrade';
    const old = new Dexie(name);
    old.version(5).stores({ threads: 'id, lastAt, *participants, urgency, seenAt' });
    const { owedAt: _none, ...stale } = thread('old-owed', { asksUser: true, lastAt: 7 });
    await old.table('threads').bulkPut([stale, thread('old-quiet', { lastAt: 8 })]);
    old.close();
    db = new BrodyDatabase(name);
    expect((await db.threads.get('old-owed'))?.owedAt).toBe(7);
    expect((await db.threads.get('old-quiet'))?.owedAt).toBeUndefined();
    expect((await loadToday(db, NOW())).replies.map((r) => r.thread.id)).toEqual(['old-owed']);
  });

  it('the popup never creates the database: before the background has made it, the day is empty', async () => {
    expect(await openExisting('never-made')).toBeNull();
    expect((await indexedDB.databases()).map((info) => info.name)).not.toContain('never-made');
    db = new BrodyDatabase('never-made');
    await db.open();
    const open = await openExisting('never-made');
    expect(open?.objectStoreNames.contains('threads')).toBe(true);
    open?.close();
  });

  it('open tasks are one index range: every status but completed sorts between in_progress and pending', () => {
    const sorted = [...TASK_STATUSES].sort();
    const open = sorted.filter((status) => status >= 'in_progress' && status <= 'pending');
    expect(open.sort()).toEqual(TASK_STATUSES.filter((status) => status !== 'completed').sort());
  });
});
