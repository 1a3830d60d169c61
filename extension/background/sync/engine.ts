/**
 * When the device syncs, and what happens when it cannot. The outbox is pushed in id order; an entry
 * leaves it only once the API has acknowledged its id (`lastMutationId`), so a push that fails, is
 * cut off or dies with the service worker is simply sent again, and the API applies each id once.
 * Then the device pulls everything past its cursor and merges it (apply-pull.ts).
 *
 * Triggers: a local write (debounced), the `brody-sync` alarm, the `online` event, the worker
 * starting, and `tick()`. How another device's edit arrives within 2 s: short polling. Every open
 * Gmail or Calendar tab, popup and options page sends a `sync-tick` about once a second; each tick
 * wakes the service worker (or keeps it awake) and, at most once per POLL_MS, runs an incremental
 * pull, which answers in a few milliseconds when nothing changed. This needs nothing but plain HTTP
 * on the API, so it works the same on Node and on a Cloudflare Worker, with no Durable Object or
 * long-lived connection to keep; with no Brody page open nobody is looking, and the alarm is enough.
 * Failures back off exponentially (1 s doubling to 60 s); ticks do not retry sooner than that.
 */
import { PullResponseSchema, PushResponseSchema } from '../../../shared/sync/schemas';
import type { AccountService } from '../account/account-service';
import { AccountError } from '../account/account-service';
import type { BrodyDatabase } from '../db';
import { type AppliedPull, applyPull } from './apply-pull';
import { readMeta, SYNC_STORES } from './sync-tables';

export const PUSH_DEBOUNCE_MS = 200;
export const POLL_MS = 1_000;
export const PUSH_BATCH = 100;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

export interface SyncStatus {
  signedIn: boolean;
  /** Epoch ms of the last complete sync, null before the first. */
  lastSyncedAt: number | null;
  /** Local changes the API has not acknowledged. */
  waiting: number;
  /** The last attempt could not reach the API. */
  offline: boolean;
}

export interface SyncEngineDeps {
  db: BrodyDatabase;
  account: Pick<AccountService, 'current' | 'fetch'>;
  /** After a pull changed local rows (republish rules, tasks; apply settings). */
  onApplied?: (applied: AppliedPull) => Promise<void> | void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface SyncEngine {
  /** A local write happened: push soon. */
  changed(): void;
  /** Push and pull now (coalesced with a sync already running). */
  syncNow(): Promise<void>;
  /** The browser is back online: forget the backoff and sync. */
  online(): Promise<void>;
  /** A page is open: pull if the last one is older than POLL_MS. */
  tick(): Promise<void>;
  status(): Promise<SyncStatus>;
}

export class SyncHttpError extends Error {
  constructor(readonly status: number) {
    super(`sync answered HTTP ${status}`);
    this.name = 'SyncHttpError';
  }
}

export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let running: Promise<void> | null = null;
  let again = false;
  let debounce: unknown = null;
  let retry: unknown = null;
  let failures = 0;
  let blockedUntil = 0;
  let offline = false;
  let lastAttempt = 0;

  async function post(path: string, body: unknown): Promise<unknown> {
    const response = await deps.account.fetch(path, { method: 'POST', json: body });
    if (!response.ok) throw new SyncHttpError(response.status);
    return response.json();
  }

  /** A new server device (first sign-in, or signed in again): its ids start at 1 and its cursor at 0. */
  async function adopt(deviceId: string): Promise<void> {
    await db.transaction('rw', [...SYNC_STORES], async () => {
      const meta = await readMeta(db);
      if (meta.deviceId === deviceId) return;
      const pending = await db.outbox.orderBy('id').toArray();
      await db.outbox.clear();
      await db.outbox.bulkAdd(pending.map((entry, index) => ({ ...entry, id: index + 1 })));
      await db.syncMeta.put({ ...meta, deviceId, cursor: 0, nextMutationId: pending.length + 1 });
    });
  }

  async function pushAll(deviceId: string): Promise<void> {
    for (;;) {
      const batch = await db.outbox.orderBy('id').limit(PUSH_BATCH).toArray();
      const first = batch[0];
      if (!first) return;
      const answer = PushResponseSchema.parse(await post('/v1/sync/push', { deviceId, mutations: batch }));
      await db.outbox.where('id').belowOrEqual(answer.lastMutationId).delete();
      // The API took none of these: it is missing earlier ids it will never get. Stop rather than spin.
      if (answer.lastMutationId < first.id) throw new Error('the API did not accept the outbox in order');
    }
  }

  async function pullAll(deviceId: string): Promise<void> {
    for (;;) {
      const { cursor } = await readMeta(db);
      const answer = PullResponseSchema.parse(await post('/v1/sync/pull', { deviceId, cursor }));
      const applied = await applyPull(db, answer, now);
      if (applied.tables.size > 0) await deps.onApplied?.(applied);
      if (!answer.more) return;
    }
  }

  async function once(): Promise<void> {
    const account = await deps.account.current();
    if (!account) return;
    lastAttempt = now();
    await adopt(account.deviceId);
    await pushAll(account.deviceId);
    await pullAll(account.deviceId);
    const meta = await readMeta(db);
    await db.syncMeta.put({ ...meta, lastSyncedAt: now() });
  }

  function scheduleRetry(): void {
    failures++;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (failures - 1));
    blockedUntil = now() + delay;
    if (retry !== null) clearTimer(retry);
    retry = setTimer(() => {
      retry = null;
      void syncNow();
    }, delay);
  }

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        await once();
        failures = 0;
        blockedUntil = 0;
        offline = false;
      } catch (error) {
        // Signed out (or the session was revoked): nothing to retry until the user signs in again.
        if (error instanceof AccountError && error.code === 'signed_out') return;
        offline = !(error instanceof SyncHttpError) || error.status >= 500;
        scheduleRetry();
        return;
      }
    } while (again);
  }

  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    changed() {
      if (debounce !== null) clearTimer(debounce);
      // While backing off, a new write waits for the retry instead of knocking sooner.
      debounce = setTimer(
        () => {
          debounce = null;
          void syncNow();
        },
        Math.max(PUSH_DEBOUNCE_MS, blockedUntil - now()),
      );
    },
    syncNow,
    online() {
      failures = 0;
      blockedUntil = 0;
      return syncNow();
    },
    async tick() {
      const at = now();
      if (running || at < blockedUntil || at - lastAttempt < POLL_MS) return;
      await syncNow();
    },
    async status() {
      const [account, meta, waiting] = await Promise.all([
        deps.account.current(),
        db.syncMeta.get('state'),
        db.outbox.count(),
      ]);
      return {
        signedIn: account !== null,
        lastSyncedAt: meta?.lastSyncedAt ?? null,
        waiting,
        offline,
      };
    },
  };
}
