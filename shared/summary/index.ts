/**
 * Thread summaries without a model: extractive, pure, fast enough for the browser. What the thread
 * says is taken from its own sentences; nothing is invented, and text aimed at an AI is left out.
 */
import type { ActionItem, ThreadMessage, ThreadSummary, ThreadSummaryRequest } from '../schemas';
// The modules themselves, not the barrel: the barrel brings the HTML parser, which the browser never needs here.
import { detectInjection } from '../untrusted/injection';
import { stripInvisible } from '../untrusted/invisible';
import { actionItemsIn, applyMovedDates } from './action-items';
import { cleanMessage } from './clean-message';
import { displayName, firstName, isUser, type ThreadPeople } from './people';
import { isMeaningful, shorten, splitSentences } from './sentences';

export { dueDateIn } from './due-date';

export const SUMMARY_RULES_VERSION = 'summary-rules-2';

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

/** Small talk that says nothing about the matter: it never makes a key point or the summary. */
const PLEASANTRY =
  /^(?:i )?hope (?:you|all|this|everyone|your)\b|^(?:many )?thanks?(?: you)? (?:for|so much|again|a lot)\b|^(?:happy|glad) to (?:help|hear|connect)\b|^(?:please )?(?:let me know|feel free to (?:reach out|ask)|reach out) if (?:you have )?(?:any )?(?:questions|thoughts)|^looking forward\b|^(?:have|enjoy) (?:a|your) (?:great|good|nice|lovely)\b|^(?:sorry|apologies) for the (?:delay|late)|^(?:it was )?(?:great|nice|good|lovely) (?:talking|meeting|speaking|chatting|to (?:see|hear|meet))\b|^(?:how are you|how have you been)\b/i;
const REQUEST_WORDS = /\b(?:can|could|would|will) you\b|\bplease\b|\b(?:need|needs|needed)\b/i;
const HAS_FIGURE = /\d|\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/** A question someone other than its asker wrote after: answered, or at least moved past. */
function answeredLater(read: readonly ReadMessage[], index: number, sentence: string): boolean {
  if (!sentence.trimEnd().endsWith('?')) return false;
  const asker = read[index]?.message.from.email.toLowerCase();
  return read.slice(index + 1).some((entry) => entry.message.from.email.toLowerCase() !== asker);
}

function worthSaying(read: readonly ReadMessage[], index: number, sentence: string): boolean {
  return !PLEASANTRY.test(sentence) && !answeredLater(read, index, sentence);
}

/** The sentence that carries a message: a decision, then an ask, then one with a date or figure. */
function gist(read: readonly ReadMessage[], index: number): string | undefined {
  const entry = read[index];
  if (!entry) return undefined;
  let best: string | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  entry.meaningful.forEach((sentence, position) => {
    if (!worthSaying(read, index, sentence)) return;
    const score =
      (DECISION.test(sentence) ? 3 : 0) +
      (REQUEST_WORDS.test(sentence) ? 2 : 0) +
      (HAS_FIGURE.test(sentence) ? 1 : 0) -
      position * 0.25;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  });
  return best;
}

function names(read: readonly ReadMessage[], people: ThreadPeople): string {
  const seen: string[] = [];
  for (const entry of read) {
    const name = displayName(entry.message.from, people);
    if (!seen.includes(name)) seen.push(name);
  }
  const you = seen.indexOf('You');
  if (you >= 0) seen.splice(you, 1, 'you');
  // "You" goes last, as people say it: "Ann Lee, Bob Stone and you".
  seen.sort((x, y) => (x === 'you' ? 1 : 0) - (y === 'you' ? 1 : 0));
  if (seen.length <= 1) return seen[0] ?? '';
  return `${seen.slice(0, -1).join(', ')} and ${seen[seen.length - 1]}`;
}

function summaryText(
  read: readonly ReadMessage[],
  people: ThreadPeople,
): { text: string; used: Set<string> } {
  const used = new Set<string>();
  const withText = read
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.meaningful.length > 0);
  const parts: string[] = [];
  if (withText.length === 1) {
    const only = withText[0];
    if (only) {
      const chosen = only.entry.meaningful
        .filter((sentence) => worthSaying(read, only.index, sentence))
        .slice(0, SUMMARY_MESSAGES);
      for (const sentence of chosen) used.add(sentence);
      if (chosen.length > 0)
        parts.push(`${displayName(only.entry.message.from, people)}: ${chosen.join(' ')}`);
    }
  } else if (withText.length > 1) {
    const first = withText[0];
    const last = withText[withText.length - 1];
    parts.push(`${read.length} messages between ${names(read, people)}.`);
    const opening = first ? gist(read, first.index) : undefined;
    if (first && opening) {
      used.add(opening);
      parts.push(`${displayName(first.entry.message.from, people)} opened: ${opening}`);
    }
    const latest = last ? gist(read, last.index) : undefined;
    if (last && latest && latest !== opening) {
      used.add(latest);
      parts.push(`Latest, ${displayName(last.entry.message.from, people)}: ${latest}`);
    }
  }
  return { text: shorten(parts.join(' '), SUMMARY_CHARS), used };
}

function keyPoints(read: readonly ReadMessage[], used: Set<string>, people: ThreadPeople): string[] {
  const points: string[] = [];
  const seen = new Set<string>();
  const add = (index: number, sentence: string) => {
    const entry = read[index];
    const key = sentence.toLowerCase();
    if (!entry || used.has(sentence) || seen.has(key) || !worthSaying(read, index, sentence)) return;
    seen.add(key);
    points.push(shorten(`${displayName(entry.message.from, people)}: ${sentence}`));
  };
  const newestFirst = read.map((_, index) => read.length - 1 - index);
  // Decisions first, newest first: they are what a reader most needs from a long thread.
  for (const index of newestFirst) {
    for (const sentence of read[index]?.meaningful ?? []) if (DECISION.test(sentence)) add(index, sentence);
  }
  for (const index of newestFirst) {
    const best = gist(read, index);
    if (best !== undefined) add(index, best);
  }
  // Short threads: the rest of what the latest messages say.
  for (const index of newestFirst) {
    if (points.length >= MAX_KEY_POINTS) break;
    for (const sentence of (read[index]?.meaningful ?? []).slice(0, 4)) add(index, sentence);
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
    userNames: new Set(),
  };
  const chosen = pickMessages(req.messages);
  for (const message of chosen) {
    for (const address of [message.from, ...message.to]) {
      const name = firstName(address).toLowerCase();
      if (isUser(address, people) && name) people.userNames?.add(name);
    }
  }
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
  const indexed = read.flatMap((entry, index) =>
    actionItemsIn(entry.sentences, entry.message, people).map((item) => ({ ...item, index })),
  );
  applyMovedDates(
    indexed,
    read.flatMap((entry, index) =>
      entry.meaningful.map((text) => ({ index, text, date: entry.message.date })),
    ),
  );
  const actionItems = dedupeItems(indexed.map(({ index: _index, ...item }) => item));

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
