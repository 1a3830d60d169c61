/**
 * What the help overlay lists, grouped by where a key works. Browser commands show the key the user
 * bound at chrome://extensions/shortcuts when the caller knows it, else the suggested one.
 */
import { SHORTCUTS, type ShortcutSite } from '../platform/shortcuts';

export interface HelpRow {
  id: string;
  keys: string;
  description: string;
}

export interface HelpGroup {
  site: ShortcutSite;
  title: string;
  rows: HelpRow[];
}

const TITLES: Record<ShortcutSite, string> = {
  gmail: 'In Gmail',
  calendar: 'In Google Calendar',
  browser: 'Anywhere in the browser',
};

/** `bound`: command name → the key now bound ('' when the user removed it). */
export function shortcutHelpGroups(bound: Readonly<Record<string, string>> = {}): HelpGroup[] {
  return (['gmail', 'calendar', 'browser'] as const).map((site) => ({
    site,
    title: TITLES[site],
    rows: SHORTCUTS.filter((s) => s.site === site).map((s) => {
      const key = s.command !== undefined && s.command in bound ? bound[s.command] : s.label;
      return {
        id: `${site}:${s.id}`,
        keys: key || 'Not set',
        description: s.whenBadgeFocused ? `${s.description} (on a focused badge)` : s.description,
      };
    }),
  }));
}
