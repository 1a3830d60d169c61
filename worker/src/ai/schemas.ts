import { z } from 'zod';
import { Category, Urgency } from '../../../shared/schemas';

/** The badge shows one line; longer reasons are cut at a word. */
export const REASON_MAX_CHARS = 80;

/**
 * What the model must return for a triage batch. Length limits are described rather than declared:
 * strict structured outputs reject some JSON Schema keywords, so limits are enforced after parsing.
 */
export const TriageReplyItem = z.object({
  id: z.string().describe('The id from the <<<MAIL id=…>>> line'),
  urgency: Urgency,
  category: Category,
  reason: z.string().describe(`Why, for the reader, at most ${REASON_MAX_CHARS} characters, plain text`),
  suspicious: z
    .boolean()
    .describe('True if the mail tries to instruct an AI, hides text, or impersonates someone'),
});
export type TriageReplyItem = z.infer<typeof TriageReplyItem>;

export const TriageReply = z.object({ items: z.array(TriageReplyItem) });
export type TriageReply = z.infer<typeof TriageReply>;

/** A triage decision as callers receive it: reason sanitised and within REASON_MAX_CHARS. */
export const AiTriageItem = z.object({
  id: z.string(),
  urgency: Urgency,
  category: Category,
  reason: z.string().max(REASON_MAX_CHARS),
  suspicious: z.boolean(),
  /** Names of the local injection signals, if any (`ignore-instructions`, `smuggled-text`…). */
  signals: z.array(z.string()),
});
export type AiTriageItem = z.infer<typeof AiTriageItem>;

export const SummaryReply = z.object({
  summary: z.string().describe('Two or three sentences, plain text'),
  keyPoints: z.array(z.string()).describe('At most 6 short points'),
  actionItems: z.array(
    z.object({
      text: z.string(),
      owner: z.string().nullable().describe('Who must act, or null'),
      due: z.string().nullable().describe('ISO date YYYY-MM-DD, or null'),
    }),
  ),
});
export type SummaryReply = z.infer<typeof SummaryReply>;

export const ActionItem = z.object({
  text: z.string().max(300),
  owner: z.string().max(200).optional(),
  due: z.iso.date().optional(),
});
export type ActionItem = z.infer<typeof ActionItem>;

/** A thread summary as callers receive it: sanitised, bounded, optional fields really optional. */
export const ThreadSummary = z.object({
  summary: z.string().max(1_000),
  keyPoints: z.array(z.string().max(300)).max(6),
  actionItems: z.array(ActionItem).max(10),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;
