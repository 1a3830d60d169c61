/**
 * The `help` key on a Google page opens Brody's keyboard help over it. The site's own help key (`?`
 * on both Gmail and Calendar) still opens the site's help: Brody answers only its own chord and only
 * to a trusted keypress.
 */
import { browser } from 'wxt/browser';
import { boundKeysIn } from '../platform/command-names';
import { isTypingTarget, matchesChord, type ShortcutSite, shortcutFor } from '../platform/shortcuts';
import { createShortcutHelp } from './shortcut-help-overlay';

/** The keys the user bound to Brody's browser commands; the suggested ones when the background is gone. */
async function boundCommands(): Promise<Record<string, string>> {
  try {
    return boundKeysIn(await browser.runtime.sendMessage({ type: 'commands-list' }));
  } catch {
    return {};
  }
}

export function installShortcutHelpKey(
  site: ShortcutSite,
  theme: 'light' | 'dark',
  signal: AbortSignal,
): void {
  const chord = shortcutFor(site, 'help')?.chord;
  if (!chord) return;
  const help = createShortcutHelp(signal, theme);
  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || event.repeat || isTypingTarget(event.target) || !matchesChord(event, chord))
        return;
      event.preventDefault();
      event.stopPropagation();
      if (help.isOpen()) help.close();
      else void boundCommands().then((bound) => help.open(bound));
    },
    { capture: true, signal },
  );
}
