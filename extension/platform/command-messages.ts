/**
 * Browser commands (manifest `commands`): a content script cannot read their current keys, so it
 * asks the background; and the background asks the active tab to act on one.
 */
import { z } from 'zod';

export const CommandsRequest = z.object({ type: z.literal('commands-list') }).strict();
export const CommandsAnswer = z.object({
  ok: z.literal(true),
  /** Command name → the key bound now ('' when the user removed it). */
  bound: z.record(z.string().max(100), z.string().max(100)),
});
export type CommandsAnswer = z.infer<typeof CommandsAnswer>;

export { ADD_TASK_FROM_PAGE, TOGGLE_BRIEF } from './command-names';
