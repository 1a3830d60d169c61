import 'fake-indexeddb/auto';
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
