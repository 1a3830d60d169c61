/**
 * The settings that follow the user from device to device, as rows of the `settings` table (one row
 * per setting, its value in the field `value`). Settings live in extension storage and the options
 * page writes them there itself, so the background records a change when storage reports one; a value
 * that already equals the synced row (because a pull just wrote it) is not recorded again.
 *
 * Left per device, on purpose: the API address and token (where sync itself goes), AI on/off (consent
 * to mail leaving this device), the digest and urgent alerts (they need this device's notification
 * permission), and the background's own published copies.
 */
import type { JsonValue } from '../../../shared/sync/lww';
import { rowKey } from '../../../shared/sync/protocol';
import { isValidSetting, SETTINGS, type SettingName, type Settings } from '../../platform/settings';
import type { BrodyDatabase } from '../db';
import { recordChange, SYNC_STORES } from './sync-tables';

export const SYNCED_SETTINGS = [
  'userEmails',
  'vips',
  'priorities',
  'briefPanelOpen',
  'digestTime',
  'notificationsQuiet',
] as const satisfies readonly SettingName[];
export type SyncedSetting = (typeof SYNCED_SETTINGS)[number];

export function isSyncedSetting(name: string): name is SyncedSetting {
  return (SYNCED_SETTINGS as readonly string[]).includes(name);
}

/** Records the setting's value when it differs from its synced row; true when it did. */
export async function recordSetting(
  db: BrodyDatabase,
  name: SyncedSetting,
  value: Settings[SyncedSetting],
  wall: () => number = Date.now,
): Promise<boolean> {
  const json = JSON.parse(JSON.stringify(value)) as JsonValue;
  return db.transaction('rw', [...SYNC_STORES], async () => {
    const row = await db.syncRows.get(rowKey('settings', name));
    if (row) {
      if (JSON.stringify(row.values.value) === JSON.stringify(json)) return false;
    } else if (JSON.stringify(SETTINGS[name].fallback) === JSON.stringify(json)) {
      // A default that was never changed is not news to other devices.
      return false;
    }
    return recordChange(db, 'settings', name, { value: json }, wall);
  });
}

export interface SettingsAccess {
  get<K extends SettingName>(name: K): Promise<Settings[K]>;
  set<K extends SettingName>(name: K, value: Settings[K]): Promise<void>;
}

/** Records every synced setting the user changed from its default before sync existed. */
export async function seedSettings(db: BrodyDatabase, settings: SettingsAccess): Promise<void> {
  for (const name of SYNCED_SETTINGS) await recordSetting(db, name, await settings.get(name));
}

/** Writes settings a pull brought in; a value this version cannot read is left alone. */
export async function applySettings(
  changes: Map<string, JsonValue>,
  settings: SettingsAccess,
): Promise<void> {
  for (const [name, value] of changes) {
    if (!isSyncedSetting(name) || !isValidSetting(name, value)) continue;
    await settings.set(name, value);
  }
}
