/**
 * Answers one-shot runtime messages (popup, options). The sender is checked before the shape, and
 * both before anything runs; refusals say only which check failed.
 */

import type { ThreadSummaryRequest } from '../../shared/schemas';
import type { AccountAnswer } from '../platform/account-messages';
import type { CommandsAnswer } from '../platform/command-messages';
import {
  type AddTaskAnswer,
  type AiInfoAnswer,
  type ApiStatus,
  CONTENT_SCRIPT_REQUESTS,
  type Rejection,
  type RulesAnswer,
  RuntimeRequest,
  type ThreadSummaryAnswer,
  type ThreadTasksAnswer,
  type UrgencyCounts,
} from '../platform/messages';
import { handleAccountRequest, isAccountRequest } from './account/account-handlers';
import type { AccountService, GoogleSignInWindow } from './account/account-service';
import { fetchAiInfo } from './ai-info';
import { type ApiClient, ApiClientError } from './api-client';
import {
  type CalendarAnswer,
  type CalendarService,
  isCalendarRequest,
  mayAskCalendar,
} from './calendar/service';
import { type BrodyDatabase, countByUrgency } from './db';
import type { RulesService } from './rules-handlers';
import { isExtensionPage, isTrustedSender, type SenderInfo } from './sender-check';
import type { SyncEngine } from './sync/engine';
import { handleTaskRequest, isTaskRequest, type TaskAnswer } from './tasks/task-handlers';
import type { TaskService } from './tasks/task-service';
import { addTask, summarizeThread, type ThreadHandlerDeps, threadTasks } from './thread-handlers';

export interface RuntimeRouterDeps {
  runtimeId: string;
  extensionOrigin: string;
  db: BrodyDatabase;
  api: ApiClient;
  apiUrl: () => Promise<string>;
  /** Learned rules; without it rule requests are refused. */
  rules?: RulesService;
  /** Thread summaries and tasks; without it those requests are refused. */
  threads?: ThreadHandlerDeps;
  /** Meeting briefs and prep; without it those requests are refused. */
  calendar?: CalendarService;
  /** Called with every thread the Gmail page asks to summarise, so Brody remembers who wrote what. */
  onThreadOpened?: (request: ThreadSummaryRequest) => void;
  /** Tasks; without it task requests are refused. */
  tasks?: TaskService;
  /** The browser commands' current keys, for the help overlay. */
  commands?: () => Promise<Record<string, string>>;
  /** The account and sync; without them those requests are refused. */
  account?: AccountService;
  /** Google's sign-in window (chrome.identity), when the browser lets Brody open it. */
  googleWindow?: () => GoogleSignInWindow | null;
  sync?: SyncEngine;
}

export type RuntimeAnswer =
  | ApiStatus
  | UrgencyCounts
  | RulesAnswer
  | AiInfoAnswer
  | ThreadSummaryAnswer
  | AddTaskAnswer
  | ThreadTasksAnswer
  | CalendarAnswer
  | TaskAnswer
  | CommandsAnswer
  | AccountAnswer
  | Rejection;

async function checkApi(api: ApiClient, apiUrl: string): Promise<ApiStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const health = await api.health(apiUrl);
    return { apiUrl, reachable: true, health, checkedAt };
  } catch (error) {
    const failure = error instanceof ApiClientError ? error : new ApiClientError('internal', String(error));
    return { apiUrl, reachable: false, error: failure.toJSON(), checkedAt };
  }
}

export function createRuntimeRouter(deps: RuntimeRouterDeps) {
  return async function route(message: unknown, sender: SenderInfo): Promise<RuntimeAnswer> {
    if (!isTrustedSender(sender, deps.runtimeId, deps.extensionOrigin))
      return { rejected: true, reason: 'sender' };
    const parsed = RuntimeRequest.safeParse(message);
    if (!parsed.success) return { rejected: true, reason: 'shape' };
    const request = parsed.data;
    // Calendar's requests come from the Calendar page (or an extension page), never from Gmail.
    if (isCalendarRequest(request)) {
      if (!mayAskCalendar(sender, deps.extensionOrigin)) return { rejected: true, reason: 'sender' };
      return deps.calendar ? deps.calendar.handle(request) : { rejected: true, reason: 'shape' };
    }
    if (!CONTENT_SCRIPT_REQUESTS.has(request.type) && !isExtensionPage(sender, deps.extensionOrigin))
      return { rejected: true, reason: 'sender' };
    if (isAccountRequest(request))
      return deps.account && deps.sync
        ? handleAccountRequest(deps.account, deps.sync, request, deps.googleWindow)
        : { rejected: true, reason: 'shape' };
    if (isTaskRequest(request))
      return deps.tasks ? handleTaskRequest(deps.tasks, request) : { rejected: true, reason: 'shape' };
    switch (request.type) {
      case 'status':
        return checkApi(deps.api, await deps.apiUrl());
      case 'test-connection':
        return checkApi(deps.api, request.apiUrl);
      case 'counts':
        return countByUrgency(deps.db);
      case 'add-rule':
      case 'delete-rule':
      case 'confirm-rule':
      case 'list-rules':
        return deps.rules ? deps.rules.handle(request) : { rejected: true, reason: 'shape' };
      case 'ai-info':
        return fetchAiInfo(deps.api);
      case 'summarize-thread':
        deps.onThreadOpened?.(request.request);
        return deps.threads
          ? summarizeThread(deps.threads, request.request)
          : { rejected: true, reason: 'shape' };
      case 'add-task': {
        if (!deps.threads) return { rejected: true, reason: 'shape' };
        const answer = await addTask(deps.threads, request.task);
        await deps.tasks?.publish().catch(() => undefined);
        return answer;
      }
      case 'commands-list':
        return { ok: true, bound: (await deps.commands?.().catch(() => ({}))) ?? {} };
      case 'thread-tasks':
        return deps.threads
          ? threadTasks(deps.threads, request.threadId)
          : { rejected: true, reason: 'shape' };
    }
  };
}
