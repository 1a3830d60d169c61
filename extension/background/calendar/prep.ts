/** The user's preparation for a meeting: a status and a checklist, both set only by the user's clicks. */
import { DEFAULT_CHECKLIST } from '../../../shared/brief/build';
import type { EventPrep, PrepStatus } from '../../../shared/day/model';
import type { BrodyDatabase } from '../db';
import { recordWrite, SYNC_STORES } from '../sync/sync-tables';

export interface PrepChange {
  status?: PrepStatus;
  item?: { id: string; done: boolean };
}

export async function updatePrep(
  db: BrodyDatabase,
  eventId: string,
  change: PrepChange,
  now = Date.now(),
): Promise<EventPrep> {
  return db.transaction('rw', ['prep', ...SYNC_STORES], async () => {
    const previous = await db.prep.get(eventId);
    const checklist = (previous?.checklist.length ? previous.checklist : DEFAULT_CHECKLIST).map((item) =>
      item.id === change.item?.id ? { ...item, done: change.item.done } : { ...item },
    );
    const prep: EventPrep = {
      eventId,
      status: change.status ?? previous?.status ?? 'not_started',
      checklist,
      updatedAt: now,
    };
    await db.prep.put(prep);
    await recordWrite(db, 'prep', eventId, previous, prep, () => now);
    return prep;
  });
}
