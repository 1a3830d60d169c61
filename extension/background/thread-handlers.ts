/**
 * The background's side of the thread summary card: summaries come from the API (which decides
 * between rules and the model), tasks go to Dexie. The content script already shows the local rules
 * summary, so a failed API call is answered with the error, never with a second rules summary.
 */
import type { ThreadSummaryRequest } from '../../shared/schemas';
import type { AddTaskAnswer, NewTask, ThreadSummaryAnswer, ThreadTasksAnswer } from '../platform/messages';
import { type ApiClient, ApiClientError } from './api-client';
import type { BrodyDatabase, StoredTask } from './db';
import { MAIL_STAYS_LOCAL } from './privacy';
import { recordWrite, SYNC_STORES } from './sync/sync-tables';

export interface ThreadHandlerDeps {
  db: BrodyDatabase;
  api: ApiClient;
  /** The user's choice; the content script's `ai` flag is ignored so a page cannot switch AI on. */
  aiEnabled: () => Promise<boolean>;
  userEmails: () => Promise<string[]>;
  /** Whether mail content may go to the API at all (see privacy.ts); absent → yes. */
  maySendMail?: () => Promise<boolean>;
  now?: () => number;
  newId?: () => string;
}

const MAX_USER_EMAILS = 20;

export async function summarizeThread(
  deps: ThreadHandlerDeps,
  request: ThreadSummaryRequest,
): Promise<ThreadSummaryAnswer> {
  const [ai, userEmails] = await Promise.all([deps.aiEnabled(), deps.userEmails()]);
  if (!((await deps.maySendMail?.()) ?? true)) {
    return { ok: false, error: { code: 'forbidden', message: MAIL_STAYS_LOCAL } };
  }
  try {
    const summary = await deps.api.summarizeThread({
      ...request,
      ai,
      userEmails: userEmails.slice(0, MAX_USER_EMAILS),
    });
    return { ok: true, summary };
  } catch (error) {
    const failure = error instanceof ApiClientError ? error : new ApiClientError('internal', String(error));
    return { ok: false, error: failure.toJSON() };
  }
}

/**
 * Stores the task once per thread and title: a double click, a second tab or a reload that shows
 * the same action item again finds the stored task instead of adding another.
 */
export async function addTask(deps: ThreadHandlerDeps, task: NewTask): Promise<AddTaskAnswer> {
  const now = deps.now?.() ?? Date.now();
  return deps.db.transaction('rw', ['tasks', 'threads', ...SYNC_STORES], async () => {
    const existing = await deps.db.tasks
      .where('threadId')
      .equals(task.threadId)
      .filter((stored) => stored.title === task.title)
      .first();
    if (existing) return { ok: true as const, id: existing.id, created: false };
    const seen = await deps.db.threads.get(task.threadId);
    const stored: StoredTask = {
      id: deps.newId?.() ?? crypto.randomUUID(),
      title: task.title,
      notes: '',
      priority: 'medium',
      status: 'pending',
      ...(task.due ? { due: task.due } : {}),
      source: { kind: 'thread', threadId: task.threadId, ...(task.subject ? { subject: task.subject } : {}) },
      proposedBy: 'mail',
      ...(task.owner ? { owner: task.owner } : {}),
      people: seen?.participants ?? [],
      order: now,
      threadId: task.threadId,
      createdAt: now,
      updatedAt: now,
    };
    await deps.db.tasks.add(stored);
    await recordWrite(deps.db, 'tasks', stored.id, undefined, stored, () => now);
    return { ok: true as const, id: stored.id, created: true };
  });
}

export async function threadTasks(deps: ThreadHandlerDeps, threadId: string): Promise<ThreadTasksAnswer> {
  const tasks = await deps.db.tasks.where('threadId').equals(threadId).toArray();
  return { ok: true, titles: tasks.map((task) => task.title) };
}
