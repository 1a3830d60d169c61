/**
 * The popup's writes: every change goes through the background, which owns the task rules (order,
 * undo, the row markers in Gmail). Reads come from IndexedDB directly, so the popup paints at once.
 */
import { browser } from 'wxt/browser';
import type { RuntimeRequestInput } from '../../platform/messages';
import type { CreateTaskInput, TaskPatch } from '../../platform/task-messages';

async function send(request: RuntimeRequestInput): Promise<Record<string, unknown>> {
  const answer: unknown = await browser.runtime.sendMessage(request);
  if (typeof answer !== 'object' || answer === null || (answer as { ok?: unknown }).ok !== true)
    throw new Error('Brody could not save that change.');
  return answer as Record<string, unknown>;
}

export const createTask = (task: CreateTaskInput) => send({ type: 'task-create', task });
export const updateTask = (id: string, patch: TaskPatch) => send({ type: 'task-update', id, patch });
export const moveTask = (id: string, by: -1 | 1) => send({ type: 'task-move', id, by });

export async function deleteTask(id: string): Promise<string> {
  const answer = await send({ type: 'task-delete', id });
  return String(answer.undoToken);
}

export const undoDelete = (token: string) => send({ type: 'task-undo-delete', token });
