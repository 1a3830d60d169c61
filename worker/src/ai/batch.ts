import type { MessageSummary } from '../../../shared/schemas';
import { shortenText, wellFormed } from '../../../shared/text/cut';
import { sanitizeModelText, unredact } from '../../../shared/untrusted';
import { mapWithConcurrency } from './concurrency-limit';
import { AiOutputError, AiUnavailableError } from './errors';
import { originalText, prepareMessage } from './prepare-message';
import {
  createNonce,
  PROMPT_VERSION,
  type PromptMail,
  TRIAGE_SYSTEM_PROMPT,
  triageUserPrompt,
} from './prompts';
import type { AiProvider } from './provider';
import { type AiTriageItem, REASON_MAX_CHARS, TriageReply, type TriageReplyItem } from './schemas';
import { addUsage, emptyUsage, type TokenUsage } from './usage';

export { contentKey } from './content-key';

export interface TriageWithAiOptions {
  /** Messages per model call. */
  batchSize?: number;
  /** Model calls in flight at once for this request. */
  concurrency?: number;
  /** Body budget per message. */
  maxTokensPerMessage?: number;
  /** The user's own addresses: never redacted. */
  userEmails?: readonly string[];
  /** Reference time for "today"/"tomorrow" in mail; ISO 8601. */
  now?: string;
  signal?: AbortSignal;
}

export interface BatchFailure {
  ids: string[];
  error: AiOutputError | AiUnavailableError;
}

export interface TriageWithAiResult {
  /** Every input id; null where the model gave no usable answer and rules must decide. */
  results: Map<string, AiTriageItem | null>;
  /** Including tokens spent on failed batches. */
  usage: TokenUsage;
  failures: BatchFailure[];
  model: string;
  promptVersion: string;
}

export const TRIAGE_DEFAULTS = { batchSize: 10, concurrency: 3, maxTokensPerMessage: 800 } as const;
/** An item is about 40 tokens of JSON; the margin covers long reasons and wrapping. */
const OUTPUT_TOKENS_BASE = 200;
const OUTPUT_TOKENS_PER_MESSAGE = 150;

/** Cuts at a word so the badge never ends mid-word (or mid-character), and marks the cut. */
function shorten(text: string, max: number): string {
  return shortenText(wellFormed(text.replace(/\s+/g, ' ').trim()), max);
}

interface BatchEntry {
  message: MessageSummary;
  mail: PromptMail;
}

function toItem(entry: BatchEntry, reply: TriageReplyItem): AiTriageItem {
  const { prepared } = entry.mail;
  // Names and numbers the user can see in the mail anyway read better than placeholders.
  const readable = unredact(reply.reason, prepared.redactions, ['EMAIL', 'PHONE']);
  const reason = shorten(sanitizeModelText(readable, originalText(entry.message)), REASON_MAX_CHARS);
  return {
    id: entry.message.id,
    urgency: reply.urgency,
    category: reply.category,
    // A reason that was nothing but a stripped image or link still needs a line on the badge.
    reason: reason || `${reply.category}, ${reply.urgency} urgency`,
    suspicious: reply.suspicious || prepared.suspicious,
    signals: prepared.reasons,
  };
}

/**
 * AI triage for many messages: a few per call (cheaper than one each: the system prompt is paid
 * once), a few calls at a time. Inside a prompt each mail has a local id ("1", "2"…), so a mail
 * cannot name or overwrite another one's id; answers map back through that id.
 */
export async function triageWithAi(
  provider: AiProvider,
  messages: readonly MessageSummary[],
  options: TriageWithAiOptions = {},
): Promise<TriageWithAiResult> {
  const batchSize = options.batchSize ?? TRIAGE_DEFAULTS.batchSize;
  const maxTokens = options.maxTokensPerMessage ?? TRIAGE_DEFAULTS.maxTokensPerMessage;
  const userEmails = options.userEmails ?? [];
  const now = options.now ?? new Date().toISOString();

  const results = new Map<string, AiTriageItem | null>(messages.map((message) => [message.id, null]));
  const usage = emptyUsage();
  const failures: BatchFailure[] = [];

  const batches: BatchEntry[][] = [];
  for (let start = 0; start < messages.length; start += batchSize) {
    batches.push(
      messages.slice(start, start + batchSize).map((message, offset) => ({
        message,
        mail: {
          id: String(offset + 1),
          date: message.date,
          prepared: prepareMessage(message, userEmails, maxTokens),
        },
      })),
    );
  }

  await mapWithConcurrency(batches, options.concurrency ?? TRIAGE_DEFAULTS.concurrency, async (batch) => {
    const nonce = createNonce();
    try {
      const reply = await provider.structured({
        name: 'triage_batch',
        schema: TriageReply,
        system: TRIAGE_SYSTEM_PROMPT,
        user: triageUserPrompt(
          batch.map((entry) => entry.mail),
          nonce,
          now,
        ),
        // Bounded output: a model talked into rambling cannot spend the user's budget.
        maxOutputTokens: OUTPUT_TOKENS_BASE + OUTPUT_TOKENS_PER_MESSAGE * batch.length,
        signal: options.signal,
      });
      addUsage(usage, reply.usage);
      const byLocalId = new Map(batch.map((entry) => [entry.mail.id, entry]));
      for (const item of reply.value.items) {
        const entry = byLocalId.get(item.id);
        if (!entry) continue;
        // First answer per mail wins; a model repeating an id cannot overwrite it.
        byLocalId.delete(item.id);
        results.set(entry.message.id, toItem(entry, item));
      }
    } catch (error) {
      if (!(error instanceof AiOutputError || error instanceof AiUnavailableError)) throw error;
      addUsage(usage, error instanceof AiOutputError ? error.usage : (error.details.usage ?? emptyUsage()));
      failures.push({ ids: batch.map((entry) => entry.message.id), error });
    }
  });

  return { results, usage, failures, model: provider.model, promptVersion: PROMPT_VERSION };
}
