/**
 * Every message that crosses between content scripts, extension pages and the background, as zod
 * schemas. Both ends parse what they receive: a compromised page can forge content-script traffic,
 * so shape is checked here and the sender is checked in the background's router.
 */
import { z } from 'zod';
import { ApiError, HealthResponse, LIMITS, MessageSummary, TriageResult } from '../../shared/schemas';

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

export const RuntimeRequest = z.discriminatedUnion('type', [
  StatusRequest,
  TestConnectionRequest,
  CountsRequest,
]);
export type RuntimeRequest = z.infer<typeof RuntimeRequest>;

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
