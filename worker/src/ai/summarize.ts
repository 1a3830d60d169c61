import type { MessageSummary } from '../../../shared/schemas';
import { cutText } from '../../../shared/text/cut';
import { Redactor, sanitizeModelText, unredact } from '../../../shared/untrusted';
import { originalText, participantsOf, prepareMessage } from './prepare-message';
import { createNonce, type PromptMail, SUMMARY_SYSTEM_PROMPT, summaryUserPrompt } from './prompts';
import type { AiProvider } from './provider';
import { type ActionItem, SummaryReply, type ThreadSummary } from './schemas';
import type { TokenUsage } from './usage';

export interface SummarizeOptions {
  userEmails?: readonly string[];
  /** Body budget per message. */
  maxTokensPerMessage?: number;
  /** Budget for all bodies together; the oldest messages go first when a thread is longer. */
  maxTotalTokens?: number;
  now?: string;
  signal?: AbortSignal;
}

export interface SummarizeResult {
  summary: ThreadSummary;
  usage: TokenUsage;
  model: string;
  /** True when any message in the thread was flagged by the local checks. */
  suspicious: boolean;
  /** Messages left out because the thread exceeded the budget. */
  omitted: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Three sentences, six points and ten tasks fit well inside this. */
const SUMMARY_OUTPUT_TOKENS = 1_200;

/**
 * Keeps the first message (it states what the thread is about) and as many of the latest as fit;
 * a thread of thousands of messages costs the same as one that just fits.
 */
function selectMessages(
  messages: readonly MessageSummary[],
  perMessage: number,
  total: number,
): MessageSummary[] {
  const fit = Math.max(1, Math.floor(total / perMessage));
  if (messages.length <= fit) return [...messages];
  const first = messages[0];
  const latest = messages.slice(messages.length - (fit - 1));
  return first && fit > 1 ? [first, ...latest] : messages.slice(-1);
}

export async function summarizeThread(
  provider: AiProvider,
  messages: readonly MessageSummary[],
  options: SummarizeOptions = {},
): Promise<SummarizeResult> {
  const perMessage = options.maxTokensPerMessage ?? 600;
  const chosen = selectMessages(messages, perMessage, options.maxTotalTokens ?? 12_000);
  const userEmails = options.userEmails ?? [];
  // One redactor for the thread: [EMAIL_1] is the same person in every message of the prompt.
  const redactor = new Redactor({
    allowEmails: chosen.flatMap((message) => participantsOf(message, userEmails)),
  });
  const mails: PromptMail[] = chosen.map((message, index) => ({
    id: String(index + 1),
    date: message.date,
    prepared: prepareMessage(message, userEmails, perMessage, redactor),
  }));
  const reply = await provider.structured({
    name: 'thread_summary',
    schema: SummaryReply,
    system: SUMMARY_SYSTEM_PROMPT,
    user: summaryUserPrompt(
      mails,
      createNonce(),
      options.now ?? new Date().toISOString(),
      messages.length - chosen.length,
    ),
    maxOutputTokens: SUMMARY_OUTPUT_TOKENS,
    signal: options.signal,
  });

  const mailText = chosen.map(originalText).join('\n');
  // The summary sits beside the thread the user is reading: every placeholder goes back to what the
  // mail itself shows, so no "[CARD_1]" reaches the card. Only this thread's map is used.
  const restore = (text: string) => sanitizeModelText(unredact(text, redactor.map), mailText);
  const actionItems: ActionItem[] = reply.value.actionItems.slice(0, 10).map((item) => ({
    text: cutText(restore(item.text), 300),
    ...(item.owner ? { owner: cutText(restore(item.owner), 200) } : {}),
    ...(item.due && ISO_DATE.test(item.due) && !Number.isNaN(Date.parse(item.due)) ? { due: item.due } : {}),
  }));
  return {
    summary: {
      summary: cutText(restore(reply.value.summary), 1_000),
      keyPoints: reply.value.keyPoints.slice(0, 6).map((point) => cutText(restore(point), 300)),
      actionItems,
    },
    usage: reply.usage,
    model: reply.model,
    suspicious: mails.some((mail) => mail.prepared.suspicious),
    omitted: messages.length - chosen.length,
  };
}
