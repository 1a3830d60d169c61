/**
 * Every message that crosses between content scripts, extension pages and the background, as zod
 * schemas. Both ends parse what they receive: a compromised page can forge content-script traffic,
 * so shape is checked here and the sender is checked in the background's router.
 */
import { z } from 'zod';
import {
  AiInfo,
  AiStatus,
  ApiError,
  HealthResponse,
  LearnedRule,
  LIMITS,
  MessageSummary,
  ThreadSummary,
  ThreadSummaryRequest,
  TriageResult,
} from '../../shared/schemas';
import { ACCOUNT_REQUESTS } from './account-messages';
import { CommandsRequest } from './command-messages';
import { TASK_REQUESTS } from './task-messages';

export { TRIAGE_PORT } from './port-names';

// ---- over the long-lived triage port ----

export const TriageBatchMessage = z
  .object({
    type: z.literal('triage'),
    /** Sequence number chosen by the content script, echoed in the answers. */
    batch: z.number().int().min(0),
    messages: z.array(MessageSummary).min(1).max(LIMITS.triageBatch),
  })
  .strict();
export type TriageBatchMessage = z.infer<typeof TriageBatchMessage>;
export type TriageBatchMessageInput = z.input<typeof TriageBatchMessage>;

/** rules: the background's local rule engine; cache: a stored API answer; server: the API now. */
export const ResultOrigin = z.enum(['rules', 'cache', 'server']);
export type ResultOrigin = z.infer<typeof ResultOrigin>;

export const TriageResultsMessage = z
  .object({
    type: z.literal('triage-results'),
    batch: z.number().int().min(0),
    origin: ResultOrigin,
    results: z.array(TriageResult).max(LIMITS.triageBatch),
    /** What happened to AI for a server answer, so the badge can say why rules answered. */
    aiStatus: AiStatus.optional(),
  })
  .strict();
export type TriageResultsMessage = z.infer<typeof TriageResultsMessage>;

export const TriageErrorMessage = z
  .object({
    type: z.literal('triage-error'),
    batch: z.number().int().min(0),
    error: ApiError.shape.error,
  })
  .strict();
export type TriageErrorMessage = z.infer<typeof TriageErrorMessage>;

export const PortReply = z.discriminatedUnion('type', [TriageResultsMessage, TriageErrorMessage]);
export type PortReply = z.infer<typeof PortReply>;

// ---- one-shot runtime messages (popup, options) ----

export const StatusRequest = z.object({ type: z.literal('status') }).strict();
export const TestConnectionRequest = z
  .object({
    type: z.literal('test-connection'),
    apiUrl: z.url({ protocol: /^https?$/ }).max(2_000),
  })
  .strict();
export const CountsRequest = z.object({ type: z.literal('counts') }).strict();

// ---- learned rules (Gmail content script, options page) and AI info (options page) ----

/** The background re-stamps the dates and lower-cases the sender, so a forged rule cannot backdate itself. */
export const AddRuleRequest = z.object({ type: z.literal('add-rule'), rule: LearnedRule.strict() }).strict();
export const DeleteRuleRequest = z
  .object({ type: z.literal('delete-rule'), id: z.string().min(1).max(100) })
  .strict();
/** Sent when the user opens a thread from `sender`: behaviour that keeps that sender's rules from fading. */
export const ConfirmRuleRequest = z
  .object({ type: z.literal('confirm-rule'), sender: z.string().min(3).max(LIMITS.emailChars) })
  .strict();
export const ListRulesRequest = z.object({ type: z.literal('list-rules') }).strict();
export const AiInfoRequest = z.object({ type: z.literal('ai-info') }).strict();

export const RulesAnswer = z.object({ ok: z.literal(true), rules: z.array(LearnedRule) });
export type RulesAnswer = z.infer<typeof RulesAnswer>;

export const AiInfoAnswer = z.object({
  ok: z.boolean(),
  info: AiInfo.optional(),
  error: ApiError.shape.error.optional(),
});
export type AiInfoAnswer = z.infer<typeof AiInfoAnswer>;

// ---- thread summary card (Gmail content script) ----

export const SummarizeThreadRequest = z
  .object({ type: z.literal('summarize-thread'), request: ThreadSummaryRequest })
  .strict();
/** A task made from an action item; the background picks the id and the dates. */
export const NewTask = z
  .object({
    title: z.string().trim().min(1).max(300),
    owner: z.string().max(LIMITS.nameChars).optional(),
    due: z.iso.date().optional(),
    threadId: z.string().min(1).max(LIMITS.idChars),
    subject: z.string().max(LIMITS.subjectChars).optional(),
  })
  .strict();
export type NewTask = z.infer<typeof NewTask>;
export const AddTaskRequest = z.object({ type: z.literal('add-task'), task: NewTask }).strict();
/** Which action items of a thread are already tasks, so "Added" survives a reload. */
export const ThreadTasksRequest = z
  .object({ type: z.literal('thread-tasks'), threadId: z.string().min(1).max(LIMITS.idChars) })
  .strict();

export const ThreadSummaryAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), summary: ThreadSummary }),
  z.object({ ok: z.literal(false), error: ApiError.shape.error }),
]);
export type ThreadSummaryAnswer = z.infer<typeof ThreadSummaryAnswer>;
export const AddTaskAnswer = z.object({ ok: z.literal(true), id: z.string(), created: z.boolean() });
export type AddTaskAnswer = z.infer<typeof AddTaskAnswer>;
export const ThreadTasksAnswer = z.object({ ok: z.literal(true), titles: z.array(z.string()) });
export type ThreadTasksAnswer = z.infer<typeof ThreadTasksAnswer>;

// ---- meeting briefs (Calendar content script, extension pages) ----

const CalendarAttendee = z
  .object({
    email: z.string().min(3).max(LIMITS.emailChars),
    name: z.string().max(LIMITS.nameChars).optional(),
    response: z.enum(['accepted', 'declined', 'tentative', 'needs_action']).optional(),
    organizer: z.boolean().optional(),
  })
  .strict();
/** An event as the Calendar page showed it; the background re-checks the meeting link and stamps `seenAt`. */
export const SeenEvent = z
  .object({
    id: z.string().min(1).max(LIMITS.idChars),
    calendar: z.string().max(LIMITS.emailChars).optional(),
    title: z.string().max(LIMITS.subjectChars),
    start: z.string().max(64).optional(),
    end: z.string().max(64).optional(),
    timeZone: z.string().max(64).optional(),
    allDay: z.boolean().optional(),
    location: z.string().max(500).optional(),
    meetingUrl: z.string().max(2_000).optional(),
    description: z.string().max(8_000).optional(),
    descriptionHidden: z.boolean(),
    organizer: CalendarAttendee.optional(),
    attendees: z.array(CalendarAttendee).max(200),
    attendeeEmails: z.array(z.string().max(LIMITS.emailChars)).max(201),
    link: z
      .string()
      .regex(/^https:\/\/calendar\.google\.com\/calendar\/event\?eid=[A-Za-z0-9_-]+$/)
      .max(1_000)
      .optional(),
  })
  .strict();
export type SeenEvent = z.infer<typeof SeenEvent>;
/** The brief of the event the page shows, or with neither field the next meeting's. */
export const CalendarBriefRequest = z
  .object({
    type: z.literal('calendar-brief'),
    event: SeenEvent.optional(),
    eventId: z.string().min(1).max(LIMITS.idChars).optional(),
  })
  .strict();
/** Asks the API for the model's agenda and talking points (only with AI on); `force` skips the cache. */
export const CalendarAiBriefRequest = z
  .object({
    type: z.literal('calendar-ai-brief'),
    eventId: z.string().min(1).max(LIMITS.idChars),
    force: z.boolean().optional(),
  })
  .strict();
export const SetPrepRequest = z
  .object({
    type: z.literal('set-prep'),
    eventId: z.string().min(1).max(LIMITS.idChars),
    status: z.enum(['not_started', 'in_progress', 'ready']).optional(),
    item: z
      .object({ id: z.string().min(1).max(100), done: z.boolean() })
      .strict()
      .optional(),
  })
  .strict();

export const RuntimeRequest = z.discriminatedUnion('type', [
  CalendarBriefRequest,
  CalendarAiBriefRequest,
  SetPrepRequest,
  StatusRequest,
  TestConnectionRequest,
  CountsRequest,
  AddRuleRequest,
  DeleteRuleRequest,
  ConfirmRuleRequest,
  ListRulesRequest,
  AiInfoRequest,
  SummarizeThreadRequest,
  AddTaskRequest,
  ThreadTasksRequest,
  ...TASK_REQUESTS,
  CommandsRequest,
  ...ACCOUNT_REQUESTS,
]);
export type RuntimeRequest = z.infer<typeof RuntimeRequest>;

/**
 * What a content script may ask, each for its feature: correcting a badge (add and confirm rules),
 * and the thread card (summary and tasks). Everything else (API status, test-connection, counts,
 * listing and deleting rules, AI details) is answered to extension pages only: a page that subverts
 * a content script must not make the background fetch addresses of its choosing or read settings.
 */
export const CONTENT_SCRIPT_REQUESTS: ReadonlySet<RuntimeRequest['type']> = new Set([
  'add-rule',
  'confirm-rule',
  'summarize-thread',
  'add-task',
  'thread-tasks',
  // "+ Task" on a row and the add-task key; editing, listing and deleting stay with the popup.
  'task-create',
  // The help overlay shows the keys the user bound to Brody's browser commands.
  'commands-list',
  // An open Gmail or Calendar tab keeps the background pulling; no data either way.
  'sync-tick',
]);
export type RuntimeRequestInput = z.input<typeof RuntimeRequest>;

export const ApiStatus = z.object({
  apiUrl: z.string(),
  reachable: z.boolean(),
  health: HealthResponse.optional(),
  error: ApiError.shape.error.optional(),
  checkedAt: z.string(),
});
export type ApiStatus = z.infer<typeof ApiStatus>;

export const UrgencyCounts = z.object({
  high: z.number().int().min(0),
  medium: z.number().int().min(0),
  low: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type UrgencyCounts = z.infer<typeof UrgencyCounts>;

/** What the router answers when it refuses a message; never carries detail a forger could use. */
export const Rejection = z.object({ rejected: z.literal(true), reason: z.enum(['sender', 'shape']) });
export type Rejection = z.infer<typeof Rejection>;
