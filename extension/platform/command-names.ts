/**
 * What content scripts need of the browser commands, free of zod so the page bundles stay small:
 * the messages the background sends to a tab, and a plain check of the commands-list answer.
 */

/** Sent by the background to the active Gmail tab when the user presses the add-task command. */
export const ADD_TASK_FROM_PAGE = 'brody:add-task-from-page';
/** Sent to the active Calendar tab; the Calendar content script toggles its brief panel. */
export const TOGGLE_BRIEF = 'toggle-brief';

/** Command name → the key bound now, from a `commands-list` answer; {} for anything else. */
export function boundKeysIn(answer: unknown): Record<string, string> {
  const bound = (answer as { ok?: unknown; bound?: unknown } | null)?.bound;
  if ((answer as { ok?: unknown } | null)?.ok !== true || typeof bound !== 'object' || bound === null)
    return {};
  const keys: Record<string, string> = {};
  for (const [name, key] of Object.entries(bound).slice(0, 50)) {
    if (typeof key === 'string' && name.length <= 100 && key.length <= 100) keys[name] = key;
  }
  return keys;
}
