/** The one line that says where sync stands, for the popup and the options page. */
import type { SyncStatus } from '../platform/sync-status';

export function syncLabel(
  status: SyncStatus,
  formatTime: (ms: number) => string = (ms) =>
    new Date(ms).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
): string {
  if (!status.signedIn) return 'Not signed in';
  const changes = `${status.waiting} change${status.waiting === 1 ? '' : 's'} waiting`;
  if (status.offline) return status.waiting > 0 ? `Offline, ${changes}` : 'Offline';
  if (status.lastSyncedAt === null) return status.waiting > 0 ? `Syncing, ${changes}` : 'Syncing…';
  return `Synced ${formatTime(status.lastSyncedAt)}`;
}
