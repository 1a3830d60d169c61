/**
 * The user's settings in extension storage (@plasmohq/storage, area `local`). Values are parsed
 * with zod on the way out, so a corrupted or hand-edited entry falls back to its default instead of
 * breaking a page.
 */
import { Storage } from '@plasmohq/storage';
import { z } from 'zod';
import { DEFAULT_API_URL } from '../../shared/extension-identity';

export const SETTINGS = {
  apiUrl: { schema: z.url({ protocol: /^https?$/ }), fallback: DEFAULT_API_URL },
  aiEnabled: { schema: z.boolean(), fallback: false },
  userEmails: { schema: z.array(z.string().max(320)).max(50), fallback: [] as string[] },
  vips: { schema: z.array(z.string().max(320)).max(500), fallback: [] as string[] },
  /** Written by the Gmail content script: which form of each selector matched on the last list view. */
  gmailSelectorHealth: {
    schema: z
      .object({
        checkedAt: z.string().max(64),
        forms: z.record(z.string().max(64), z.string().max(200).nullable()),
      })
      .nullable(),
    fallback: null as { checkedAt: string; forms: Record<string, string | null> } | null,
  },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: z.infer<(typeof SETTINGS)[K]['schema']> };

let storage: Storage | null = null;
function settingsStorage(): Storage {
  storage ??= new Storage({ area: 'local' });
  return storage;
}

export async function getSetting<K extends SettingName>(name: K): Promise<Settings[K]> {
  const raw: unknown = await settingsStorage().get<unknown>(name);
  const parsed = SETTINGS[name].schema.safeParse(raw);
  return (parsed.success ? parsed.data : SETTINGS[name].fallback) as Settings[K];
}

export async function setSetting<K extends SettingName>(name: K, value: Settings[K]): Promise<void> {
  await settingsStorage().set(name, SETTINGS[name].schema.parse(value));
}

/** Calls `onChange` with the new value whenever the setting changes, until `signal` aborts. */
export function watchSetting<K extends SettingName>(
  name: K,
  onChange: (value: Settings[K]) => void,
  signal: AbortSignal,
): void {
  const callbacks = {
    [name]: () => {
      void getSetting(name).then(onChange);
    },
  };
  settingsStorage().watch(callbacks);
  signal.addEventListener('abort', () => settingsStorage().unwatch(callbacks), { once: true });
}
