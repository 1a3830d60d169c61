/**
 * The `help` key opens Brody's keyboard help over Gmail. Gmail's own `?` still opens Gmail's help:
 * Brody answers only its own chord and only to a trusted keypress.
 */
import { browser } from 'wxt/browser';
import { createShortcutHelp } from '../../components/shortcut-help-overlay';
import { CommandsAnswer } from '../../platform/command-messages';
import type { Feature } from '../../platform/feature-runner';
import { isTypingTarget, matchesChord, shortcutFor } from '../../platform/shortcuts';
import type { GmailView } from '../../sites/gmail/detect';
import { detectGmailTheme } from '../../sites/gmail/theme';

/** The keys the user bound to Brody's browser commands; the suggested ones when the background is gone. */
async function boundCommands(): Promise<Record<string, string>> {
  try {
    const answer = CommandsAnswer.safeParse(await browser.runtime.sendMessage({ type: 'commands-list' }));
    return answer.success ? answer.data.bound : {};
  } catch {
    return {};
  }
}

export const shortcutHelpKey: Feature<GmailView> = {
  name: 'shortcut-help-key',
  matches: () => true,
  init(signal) {
    const chord = shortcutFor('gmail', 'help')?.chord;
    if (!chord) return;
    const help = createShortcutHelp(signal, detectGmailTheme());
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
  },
};
