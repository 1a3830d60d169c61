/**
 * Task requests from the router to the task service. Every answer is plain data: the popup parses
 * `ok` and re-reads Dexie itself, so it never trusts a shape it did not expect.
 */
import type { Task } from '../../../shared/day/model';
import type { RuntimeRequest } from '../../platform/messages';
import type { TaskResult, TaskService } from './task-service';

export type TaskRequest = Extract<
  RuntimeRequest,
  { type: 'task-create' | 'task-update' | 'task-move' | 'task-delete' | 'task-undo-delete' | 'task-list' }
>;

export type TaskAnswer =
  | TaskResult<{ task: Task }>
  | TaskResult<{ tasks: Task[] }>
  | TaskResult<{ undoToken: string }>;

export function isTaskRequest(request: RuntimeRequest): request is TaskRequest {
  return request.type.startsWith('task-');
}

export async function handleTaskRequest(tasks: TaskService, request: TaskRequest): Promise<TaskAnswer> {
  switch (request.type) {
    case 'task-create':
      return { ok: true, task: await tasks.create(request.task) };
    case 'task-update':
      return tasks.update(request.id, request.patch);
    case 'task-move':
      return tasks.move(request.id, request.by);
    case 'task-delete':
      return tasks.remove(request.id);
    case 'task-undo-delete':
      return tasks.undoRemove(request.token);
    case 'task-list':
      return { ok: true, tasks: await tasks.list() };
  }
}
