/**
 * Thread summaries without a model: extractive, pure, fast enough for the browser. What the thread
 * says is taken from its own sentences; nothing is invented, and text aimed at an AI is left out.
 */
import type { ActionItem, ThreadMessage, ThreadSummary, ThreadSummaryRequest } from '../schemas';
// The modules themselves, not the barrel: the barrel brings the HTML parser, which the browser never needs here.
import { detectInjection } from '../untrusted/injection';
import { stripInvisible } from '../untrusted/invisible';
import { actionItemsIn } from './action-items';
import { cleanMessage } from './clean-message';
import { displayName, type ThreadPeople } from './people';
import { isMeaningful, shorten, splitSentences } from './sentences';

export { dueDateIn } from './due-date';

export const SUMMARY_RULES_VERSION = 'summary-rules-1';

/** The first message and the latest ones carry the thread; a thread of thousands is read this far. */
const MESSAGES_READ = 50;
const SUMMARY_MESSAGES = 3;
const MAX_KEY_POINTS = 6;
const MAX_ACTION_ITEMS = 20;
const SUMMARY_CHARS = 1_200;
const DECISION =
  /\b(?:agreed|decided|decision|confirmed|approved|moved to|postponed|cancel(?:l)?ed|signed|deadline|launch(?:es|ed)?)\b/i;

interface ReadMessage {
  message: ThreadMessage;
  sentences: string[];
  meaningful: string[];
}

function pickMessages(messages: readonly ThreadMessage[]): ThreadMessage[] {
  if (messages.length <= MESSAGES_READ) return [...messages];
  const first = messages[0];
  const latest = messages.slice(messages.length - (MESSAGES_READ - 1));
  return first ? [first, ...latest] : latest;
}

function summaryText(
  read: readonly ReadMessage[],
  people: ThreadPeople,
): { text: string; used: Set<string> } {
  const used = new Set<string>();
  const withText = read.filter((entry) => entry.meaningful.length > 0);
  const parts: string[] = [];
  if (withText.length === 1) {
    const only = withText[0];
    if (only) {
      const chosen = only.meaningful.slice(0, SUMMARY_MESSAGES);
      for (const sentence of chosen) used.add(sentence);
      parts.push(`${displayName(only.message.from, people)}: ${chosen.join(' ')}`);
    }
  } else {
    for (const entry of withText.slice(-SUMMARY_MESSAGES)) {
      const sentence = entry.meaningful[0];
      if (sentence === undefined) continue;
      used.add(sentence);
      parts.push(`${displayName(entry.message.from, people)}: ${sentence}`);
    }
  }
  return { text: shorten(parts.join(' '), SUMMARY_CHARS), used };
}

function keyPoints(read: readonly ReadMessage[], used: Set<string>, people: ThreadPeople): string[] {
  const points: string[] = [];
  const seen = new Set<string>();
  const add = (entry: ReadMessage, sentence: string) => {
    const key = sentence.toLowerCase();
    if (used.has(sentence) || seen.has(key)) return;
    seen.add(key);
    points.push(shorten(`${displayName(entry.message.from, people)}: ${sentence}`));
  };
  // Decisions first, newest first: they are what a reader most needs from a long thread.
  for (const entry of [...read].reverse()) {
    for (const sentence of entry.meaningful) if (DECISION.test(sentence)) add(entry, sentence);
  }
  for (const entry of [...read].reverse()) {
    const opening = entry.meaningful[0];
    if (opening !== undefined) add(entry, opening);
  }
  // Short threads: the rest of what the latest messages say.
  for (const entry of [...read].reverse()) {
    if (points.length >= MAX_KEY_POINTS) break;
    for (const sentence of entry.meaningful.slice(1, 4)) add(entry, sentence);
  }
  return points.slice(0, MAX_KEY_POINTS);
}

function dedupeItems(items: ActionItem[]): ActionItem[] {
  const byText = new Map<string, ActionItem>();
  for (const item of items) byText.set(item.text.toLowerCase(), item);
  // The latest asks matter most when a thread has more than fit.
  return [...byText.values()].slice(-MAX_ACTION_ITEMS);
}

export function summarizeThreadWithRules(req: ThreadSummaryRequest): ThreadSummary {
  const people: ThreadPeople = {
    userEmails: new Set(req.userEmails.map((email) => email.trim().toLowerCase())),
  };
  const chosen = pickMessages(req.messages);
  const notes: string[] = [];
  let cutMessages = 0;
  let suspicious = false;
  let invisible = false;

  const read: ReadMessage[] = chosen.map((message) => {
    const visible = stripInvisible(message.text.slice(0, 200_000));
    if (visible.flags.length > 0) invisible = true;
    const cleaned = cleanMessage(visible.text);
    if (cleaned.cut) cutMessages += 1;
    if (
      detectInjection(cleaned.paragraphs.join('\n')).suspicious ||
      detectInjection(visible.smuggled).suspicious
    )
      suspicious = true;
    const sentences = splitSentences(cleaned.paragraphs);
    return { message, sentences, meaningful: sentences.filter(isMeaningful) };
  });

  const { text, used } = summaryText(read, people);
  const actionItems = dedupeItems(
    read.flatMap((entry) => actionItemsIn(entry.sentences, entry.message, people)),
  );

  const skipped = req.messages.length - chosen.length;
  if (skipped > 0) notes.push(`${skipped} earlier messages not read (thread too long)`);
  if (cutMessages > 0) notes.push(`${cutMessages} long ${cutMessages === 1 ? 'message' : 'messages'} cut`);
  if (suspicious) notes.push('contains instructions aimed at an AI; treated as text');
  if (invisible) notes.push('invisible characters removed');

  return {
    threadId: req.threadId,
    summary: text || shorten(req.subject || 'No text to summarise.', SUMMARY_CHARS),
    keyPoints: keyPoints(read, used, people),
    actionItems,
    source: 'rules',
    engine: SUMMARY_RULES_VERSION,
    aiStatus: 'off',
    suspicious,
    notes,
    messageCount: req.messages.length,
    at: req.now ?? new Date().toISOString(),
  };
}
