/**
 * The user's settings in extension storage (@plasmohq/storage, area `local`). Each value is checked
 * on the way out, so a corrupted or hand-edited entry falls back to its default instead of breaking
 * a page. The checks are plain functions: this module runs in the Gmail content script, which stays
 * free of a schema library to load fast.
 */
import { Storage } from '@plasmohq/storage';
import { DEFAULT_API_URL } from '../../shared/extension-identity';
import type { LearnedRule } from '../../shared/schemas';
import { isLearnedRuleList } from './learned-rules-check';

type Check<T> = (raw: unknown) => raw is T;

function isHttpUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 2_000) return false;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function stringList(maxItems: number, maxChars: number): Check<string[]> {
  return (raw: unknown): raw is string[] =>
    Array.isArray(raw) &&
    raw.length <= maxItems &&
    raw.every((item) => typeof item === 'string' && item.length <= maxChars);
}

export interface SelectorHealth {
  checkedAt: string;
  forms: Record<string, string | null>;
  /** Mail rows on the checked page, and how many of them carried a Brody badge. */
  rows?: number;
  badges?: number;
}

function isSelectorHealth(raw: unknown): raw is SelectorHealth | null {
  if (raw === null) return true;
  if (typeof raw !== 'object') return false;
  const value = raw as { checkedAt?: unknown; forms?: unknown };
  return (
    typeof value.checkedAt === 'string' &&
    typeof value.forms === 'object' &&
    value.forms !== null &&
    Object.values(value.forms).every((form) => form === null || typeof form === 'string')
  );
}

/** Calendar's parts: the grid, an event's details dialog, the full event page. */
export type CalendarPart = 'grid' | 'dialog' | 'page';

export interface CalendarSelectorHealth extends SelectorHealth {
  /** When each part was last on screen while Brody checked (ISO time). */
  seen: Partial<Record<CalendarPart, string>>;
  /** Events on the grid last checked. */
  events?: number;
  /** Whether Brody could read the event the last time a dialog or full page was open. */
  read: Partial<Record<'dialog' | 'page', boolean>>;
}

function isCalendarSelectorHealth(raw: unknown): raw is CalendarSelectorHealth | null {
  if (raw === null) return true;
  if (!isSelectorHealth(raw)) return false;
  const value = raw as { seen?: unknown; read?: unknown };
  return (
    typeof value.seen === 'object' &&
    value.seen !== null &&
    Object.values(value.seen).every((at) => typeof at === 'string') &&
    typeof value.read === 'object' &&
    value.read !== null &&
    Object.values(value.read).every((ok) => typeof ok === 'boolean')
  );
}

function setting<T>(check: Check<T>, fallback: T) {
  return { check, fallback };
}

export const SETTINGS = {
  apiUrl: setting(isHttpUrl, DEFAULT_API_URL),
  aiEnabled: setting((raw: unknown): raw is boolean => typeof raw === 'boolean', false),
  userEmails: setting(stringList(50, 320), [] as string[]),
  vips: setting(stringList(500, 320), [] as string[]),
  /** The user's "My priorities" text (goals, projects); the engine raises mail that mentions them. */
  priorities: setting((raw: unknown): raw is string => typeof raw === 'string' && raw.length <= 2_000, ''),
  /**
   * A copy of the Dexie rules table that only the background writes: every Gmail tab watches it, so a
   * correction reaches all open tabs without a reload and the first paint already honours it.
   */
  learnedRules: setting(isLearnedRuleList, [] as LearnedRule[]),
  /** Written by the Gmail content script: which form of each selector matched on the last list view. */
  gmailSelectorHealth: setting(isSelectorHealth, null as SelectorHealth | null),
  /** Written by the Calendar content script: the same, for the grid, the details dialog and the event page. */
  calendarSelectorHealth: setting(isCalendarSelectorHealth, null as CalendarSelectorHealth | null),
  /** Whether the meeting brief panel in Calendar is open; the user's last choice wins everywhere. */
  briefPanelOpen: setting((raw: unknown): raw is boolean => typeof raw === 'boolean', true),
  /** Written only by the background: thread ids with an open task, so Gmail rows can show a marker. */
  openTaskThreads: setting(stringList(5_000, 200), [] as string[]),
  /** The daily "prepare my day" notification, and its local time (HH:MM). */
  digestEnabled: setting((raw: unknown): raw is boolean => typeof raw === 'boolean', false),
  digestTime: setting(
    (raw: unknown): raw is string => typeof raw === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(raw),
    '08:30',
  ),
  /** A notification when a newly triaged thread is rated high. */
  urgentAlerts: setting((raw: unknown): raw is boolean => typeof raw === 'boolean', false),
  /** Holds every Brody notification back without turning the features off. */
  notificationsQuiet: setting((raw: unknown): raw is boolean => typeof raw === 'boolean', false),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: (typeof SETTINGS)[K]['fallback'] };

export function isValidSetting<K extends SettingName>(name: K, value: unknown): value is Settings[K] {
  return (SETTINGS[name].check as (raw: unknown) => boolean)(value);
}

let storage: Storage | null = null;
function settingsStorage(): Storage {
  storage ??= new Storage({ area: 'local' });
  return storage;
}

export async function getSetting<K extends SettingName>(name: K): Promise<Settings[K]> {
  const raw: unknown = await settingsStorage().get<unknown>(name);
  return isValidSetting(name, raw) ? raw : (SETTINGS[name].fallback as Settings[K]);
}

export async function setSetting<K extends SettingName>(name: K, value: Settings[K]): Promise<void> {
  if (!isValidSetting(name, value)) throw new Error(`Setting ${name} has an invalid value`);
  await settingsStorage().set(name, value);
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
