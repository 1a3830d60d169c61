import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BrodyDatabase,
  countByUrgency,
  getFreshCached,
  pruneBefore,
  storeResults,
} from '../../extension/background/db';
import type { TriageResult } from '../../shared/schemas';

function result(id: string, urgency: TriageResult['urgency']): TriageResult {
  return {
    id,
    urgency,
    category: 'action',
    reasons: [{ rule: 'deadline', text: 'deadline today 5pm', weight: 3 }],
    score: 3,
    source: 'rules',
    engine: 'rules-1',
    suspicious: false,
    at: '2026-11-21T10:00:00.000Z',
  };
}

let db: BrodyDatabase;
let name = 0;

beforeEach(() => {
  db = new BrodyDatabase(`brody-test-${name++}`);
});
afterEach(async () => {
  await db.delete();
});

describe('Dexie triage cache', () => {
  it('round-trips results and only returns entries whose content hash still matches', async () => {
    await storeResults(db, [
      { result: result('a', 'high'), contentHash: 'h1' },
      { result: result('b', 'low'), contentHash: 'h2' },
    ]);
    const fresh = await getFreshCached(db, [
      { id: 'a', contentHash: 'h1' },
      { id: 'b', contentHash: 'changed' },
      { id: 'c', contentHash: 'h3' },
    ]);
    expect([...fresh.keys()]).toEqual(['a']);
    expect(fresh.get('a')).toEqual(result('a', 'high'));
  });

  it('a newer result for the same id replaces the old one', async () => {
    await storeResults(db, [{ result: result('a', 'low'), contentHash: 'h1' }]);
    await storeResults(db, [{ result: result('a', 'high'), contentHash: 'h2' }]);
    expect(await db.triage.count()).toBe(1);
    expect((await getFreshCached(db, [{ id: 'a', contentHash: 'h2' }])).get('a')?.urgency).toBe('high');
  });

  it('counts by urgency for the popup', async () => {
    await storeResults(db, [
      { result: result('a', 'high'), contentHash: '1' },
      { result: result('b', 'low'), contentHash: '2' },
      { result: result('c', 'low'), contentHash: '3' },
    ]);
    expect(await countByUrgency(db)).toEqual({ high: 1, medium: 0, low: 2, total: 3 });
  });

  it('prunes entries not refreshed since the cutoff', async () => {
    await storeResults(db, [{ result: result('old', 'low'), contentHash: '1' }], 1_000);
    await storeResults(db, [{ result: result('new', 'low'), contentHash: '2' }], 5_000);
    expect(await pruneBefore(db, 2_000)).toBe(1);
    expect(await db.triage.toCollection().primaryKeys()).toEqual(['new']);
  });

  it('survives reopening (data is in IndexedDB, not memory)', async () => {
    await storeResults(db, [{ result: result('a', 'medium'), contentHash: 'h' }]);
    db.close();
    const reopened = new BrodyDatabase(db.name);
    expect((await reopened.triage.get('a'))?.result.urgency).toBe('medium');
    reopened.close();
    await db.open();
  });
});

describe('Dexie version 3: tasks move to the day model', () => {
  it('migrates version 2 tasks (done, thread) into status, source and priority, keeping ids', async () => {
    const dbName = `brody-migrate-${name++}`;
    const v2 = new Dexie(dbName);
    v2.version(2).stores({
      triage: 'id, urgency, updatedAt',
      tasks: 'id, done, due, createdAt, threadId',
      rules: 'id, sender, confirmedAt',
    });
    await v2.table('tasks').bulkAdd([
      {
        id: 'old-1',
        title: 'Send the deck',
        owner: 'you',
        due: '2026-11-26',
        threadId: 't1',
        subject: 'Deck',
        done: false,
        createdAt: 10,
        updatedAt: 20,
      },
      { id: 'old-2', title: 'Call Ana', threadId: 't2', done: true, createdAt: 30, updatedAt: 40 },
    ]);
    v2.close();

    const v3 = new BrodyDatabase(dbName);
    try {
      expect(await v3.tasks.get('old-1')).toEqual({
        id: 'old-1',
        title: 'Send the deck',
        notes: '',
        priority: 'medium',
        status: 'pending',
        due: '2026-11-26',
        source: { kind: 'thread', threadId: 't1', subject: 'Deck' },
        proposedBy: 'mail',
        owner: 'you',
        people: [],
        order: 10,
        threadId: 't1',
        createdAt: 10,
        updatedAt: 20,
      });
      const done = await v3.tasks.get('old-2');
      expect(done).toMatchObject({
        status: 'completed',
        completedAt: 40,
        source: { kind: 'thread', threadId: 't2' },
      });
      expect(await v3.tasks.where('status').equals('pending').count()).toBe(1);
      expect(await v3.tasks.where('threadId').equals('t2').count()).toBe(1);
    } finally {
      await v3.delete();
    }
  });
});
