/**
 * Requests about tasks. A Gmail tab may only create a task (from a row or an open thread); seeing,
 * editing, reordering and deleting tasks is for extension pages, which the router enforces.
 */
import { z } from 'zod';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../shared/day/model';
import { LIMITS } from '../../shared/limits';

const TaskId = z.string().min(1).max(100);
const Title = z.string().trim().min(1).max(300);
const Notes = z.string().max(5_000);
/** A day (YYYY-MM-DD) or a date-time with offset. */
const Due = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const TaskSourceInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('thread'),
      threadId: z.string().min(1).max(LIMITS.idChars),
      subject: z.string().max(LIMITS.subjectChars).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('event'),
      eventId: z.string().min(1).max(LIMITS.idChars),
      title: z.string().max(LIMITS.subjectChars).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('manual') }).strict(),
]);

export const CreateTaskRequest = z
  .object({
    type: z.literal('task-create'),
    task: z
      .object({
        title: Title,
        notes: Notes.optional(),
        priority: z.enum(TASK_PRIORITIES).optional(),
        due: Due.optional(),
        source: TaskSourceInput,
        people: z.array(z.string().max(LIMITS.emailChars)).max(100).optional(),
      })
      .strict(),
  })
  .strict();
export type CreateTaskInput = z.infer<typeof CreateTaskRequest>['task'];

export const UpdateTaskRequest = z
  .object({
    type: z.literal('task-update'),
    id: TaskId,
    patch: z
      .object({
        title: Title.optional(),
        notes: Notes.optional(),
        priority: z.enum(TASK_PRIORITIES).optional(),
        status: z.enum(TASK_STATUSES).optional(),
        /** null clears the due date. */
        due: Due.nullable().optional(),
      })
      .strict(),
  })
  .strict();
export type TaskPatch = z.infer<typeof UpdateTaskRequest>['patch'];

export const MoveTaskRequest = z
  .object({ type: z.literal('task-move'), id: TaskId, by: z.union([z.literal(-1), z.literal(1)]) })
  .strict();
export const DeleteTaskRequest = z.object({ type: z.literal('task-delete'), id: TaskId }).strict();
export const UndoDeleteTaskRequest = z
  .object({ type: z.literal('task-undo-delete'), token: z.string().min(1).max(100) })
  .strict();
export const ListTasksRequest = z.object({ type: z.literal('task-list') }).strict();

export const TASK_REQUESTS = [
  CreateTaskRequest,
  UpdateTaskRequest,
  MoveTaskRequest,
  DeleteTaskRequest,
  UndoDeleteTaskRequest,
  ListTasksRequest,
] as const;
