/**
 * Turns what the page shows (a row, an open thread) into a task request. Only the user's trusted
 * gesture gets here; the mail's text becomes the task's title as plain text and nothing else.
 */
import { browser } from 'wxt/browser';
import { LIMITS } from '../../../shared/limits';
import type { RuntimeRequestInput } from '../../platform/messages';
import type { CreateTaskInput } from '../../platform/task-messages';
import { readRowIdentity, readThreadRow, type ThreadRowGroup } from '../../sites/gmail/read';
import { readOpenThread } from '../../sites/gmail/read-thread';

const TITLE_CHARS = 300;

function titleFor(subject: string, sender: string): string {
  const title = subject.trim() || (sender ? `Reply to ${sender}` : 'Follow up on a mail');
  return title.slice(0, TITLE_CHARS);
}

export function taskFromRow(group: ThreadRowGroup): CreateTaskInput | null {
  const summary = readThreadRow(group);
  if (!summary) return null;
  const { id } = readRowIdentity(group);
  const email = (summary.from.email ?? '').toLowerCase();
  const subject = summary.subject ?? '';
  return {
    title: titleFor(subject, summary.from.name || email),
    source: { kind: 'thread', threadId: id, ...(subject ? { subject } : {}) },
    ...(email ? { people: [email] } : {}),
  };
}

export function taskFromOpenThread(
  urlThreadId: string,
  userEmails: readonly string[],
): CreateTaskInput | null {
  const thread = readOpenThread(document, urlThreadId);
  if (!thread) return null;
  const mine = new Set(userEmails.map((email) => email.toLowerCase()));
  const people = new Set<string>();
  for (const message of thread.messages) {
    for (const person of [message.from, ...message.to]) {
      const email = person.email.toLowerCase();
      if (email && !mine.has(email)) people.add(email);
    }
  }
  const sender = thread.messages.at(-1)?.from.name ?? '';
  return {
    title: titleFor(thread.subject, sender),
    source: {
      kind: 'thread',
      threadId: thread.threadId,
      ...(thread.subject ? { subject: thread.subject.slice(0, LIMITS.subjectChars) } : {}),
    },
    people: [...people].slice(0, 100),
  };
}

/** True when the background stored the task. */
export async function sendTask(task: CreateTaskInput): Promise<boolean> {
  try {
    const answer: unknown = await browser.runtime.sendMessage({
      type: 'task-create',
      task,
    } satisfies RuntimeRequestInput);
    return typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === true;
  } catch {
    // The extension was reloaded under this page.
    return false;
  }
}
