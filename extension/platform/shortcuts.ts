/**
 * Every key Brody answers to, in one list: the in-page keys in Gmail and Calendar, and the browser
 * commands declared in the manifest (rebindable at chrome://extensions/shortcuts). The help overlay
 * renders this list, so a key that is not here does not exist.
 *
 * In-page keys were chosen against Gmail's and Calendar's published shortcut lists: both sites use
 * plain letters, `?`, `/`, digits and punctuation; neither uses Shift with B, K or H (Gmail's Shift
 * keys are I, U, N, R, A, F, T and punctuation). tests/unit/shortcuts-collisions.test.ts keeps both
 * lists and fails when a key here lands on one of theirs.
 */
export type ShortcutSite = 'gmail' | 'calendar' | 'browser';

export interface KeyChord {
  /** KeyboardEvent.code, layout-independent ("KeyB", "Slash", "ArrowDown"). */
  code: string;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  id: string;
  site: ShortcutSite;
  /** What the help overlay shows, e.g. "Shift+B". */
  label: string;
  description: string;
  /** Absent for browser commands: the browser matches those, not us. */
  chord?: KeyChord;
  /** Only while a Brody badge has focus (grid navigation), not page-wide. */
  whenBadgeFocused?: boolean;
  /** The manifest's command name, for browser commands; the user may have rebound its key. */
  command?: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'gmail.correct',
    site: 'gmail',
    label: 'Shift+B',
    description: 'Correct the urgency of the current row',
    chord: { code: 'KeyB', shift: true },
  },
  {
    id: 'gmail.add-task',
    site: 'gmail',
    label: 'Shift+K',
    description: 'Make a task from the current row or the open thread',
    chord: { code: 'KeyK', shift: true },
  },
  {
    id: 'calendar.toggle-brief',
    site: 'calendar',
    label: 'Shift+B',
    description: 'Show or hide the meeting brief panel',
    chord: { code: 'KeyB', shift: true },
  },
  {
    id: 'help',
    site: 'gmail',
    label: 'Shift+H',
    description: "Show Brody's keyboard shortcuts",
    chord: { code: 'KeyH', shift: true },
  },
  {
    id: 'help',
    site: 'calendar',
    label: 'Shift+H',
    description: "Show Brody's keyboard shortcuts",
    chord: { code: 'KeyH', shift: true },
  },
  {
    id: 'open-today',
    site: 'browser',
    label: 'Alt+Shift+Y',
    description: 'Open Today (the Brody popup)',
    command: '_execute_action',
  },
  {
    id: 'add-task',
    site: 'browser',
    label: 'Alt+Shift+K',
    description: 'Make a task from the open Gmail thread',
    command: 'add-task',
  },
  {
    id: 'toggle-brief',
    site: 'browser',
    label: 'Alt+Shift+M',
    description: 'Show or hide the meeting brief in Google Calendar',
    command: 'toggle-brief',
  },
];

/** The manifest's `commands`, written from the list above so the two never disagree. */
export function manifestCommands(): Record<
  string,
  { suggested_key: { default: string }; description: string }
> {
  return Object.fromEntries(
    SHORTCUTS.filter((s) => s.command).map((s) => [
      s.command as string,
      { suggested_key: { default: s.label }, description: s.description },
    ]),
  );
}

/** True when `event` is exactly `chord`: extra modifiers (Ctrl, Meta) mean another program's key. */
export function matchesChord(
  event: Pick<KeyboardEvent, 'code' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  chord: KeyChord,
): boolean {
  return (
    event.code === chord.code &&
    event.shiftKey === (chord.shift ?? false) &&
    event.altKey === (chord.alt ?? false) &&
    !event.ctrlKey &&
    !event.metaKey
  );
}

export function shortcutFor(site: ShortcutSite, id: string): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.site === site && s.id === id);
}

/** Keys typed into a field belong to the field (a compose window, a search box, an event title). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
