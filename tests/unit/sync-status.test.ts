import { describe, expect, it } from 'vitest';
import { asSyncStatus } from '../../extension/platform/sync-status';

describe('the popup reads the sync status without zod', () => {
  it('takes a well-formed answer', () => {
    expect(
      asSyncStatus({ ok: true, signedIn: true, lastSyncedAt: 1_700_000_000_000, waiting: 2, offline: false }),
    ).toEqual({
      signedIn: true,
      lastSyncedAt: 1_700_000_000_000,
      waiting: 2,
      offline: false,
    });
    expect(
      asSyncStatus({ ok: true, signedIn: false, lastSyncedAt: null, waiting: 0, offline: true })?.signedIn,
    ).toBe(false);
  });

  it('refuses anything else', () => {
    for (const answer of [
      null,
      'ok',
      { ok: false, error: { code: 'x', message: 'y' } },
      { ok: true, signedIn: 'yes', lastSyncedAt: null, waiting: 0, offline: false },
      { ok: true, signedIn: true, lastSyncedAt: Number.NaN, waiting: 0, offline: false },
      { ok: true, signedIn: true, lastSyncedAt: null, waiting: -1, offline: false },
      { ok: true, signedIn: true, lastSyncedAt: null, waiting: 1.5, offline: false },
      { ok: true, signedIn: true, lastSyncedAt: null, waiting: 0 },
    ]) {
      expect(asSyncStatus(answer)).toBeNull();
    }
  });
});
