/**
 * The manifest's browser commands. `_execute_action` opens the popup by itself; the others are
 * relayed to the active tab's content script, which knows what is on screen.
 */
import { browser } from 'wxt/browser';
import { ADD_TASK_FROM_PAGE, TOGGLE_BRIEF } from '../platform/command-messages';

const RELAYED: Record<string, { host: string; message: { type: string } }> = {
  'add-task': { host: 'https://mail.google.com/', message: { type: ADD_TASK_FROM_PAGE } },
  'toggle-brief': { host: 'https://calendar.google.com/', message: { type: TOGGLE_BRIEF } },
};

export async function relayCommand(command: string): Promise<boolean> {
  const relay = RELAYED[command];
  if (!relay) return false;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || !tab.url?.startsWith(relay.host)) return false;
  try {
    await browser.tabs.sendMessage(tab.id, relay.message);
    return true;
  } catch {
    // The tab was open before the extension loaded: no content script listens there yet.
    return false;
  }
}

export function installCommands(): void {
  browser.commands?.onCommand.addListener((command) => {
    void relayCommand(command);
  });
}

/** Command name → the key bound now, for the help overlay on Google's pages. */
export async function boundCommands(): Promise<Record<string, string>> {
  const commands = (await browser.commands?.getAll()) ?? [];
  return Object.fromEntries(commands.flatMap((c) => (c.name ? [[c.name, c.shortcut ?? '']] : [])));
}
