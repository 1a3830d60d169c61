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

export const ResultOrigin = z.enum(['cache', 'server']);
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

export const RuntimeRequest = z.discriminatedUnion('type', [
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
]);
export type RuntimeRequest = z.infer<typeof RuntimeRequest>;
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
