import type { MessageSummary } from '../../../shared/schemas';

/**
 * Cache key for an AI answer: the user (answers are never shared across accounts), the model, the
 * prompt version, and exactly the message fields the prompt reads. Anything else (labels, unread)
 * may change without invalidating the answer.
 */
export async function contentKey(
  userId: string,
  message: MessageSummary,
  model: string,
  promptVersion: string,
): Promise<string> {
  // A JSON array is an unambiguous encoding: no field can bleed into the next.
  const material = JSON.stringify([
    'brody-ai-triage',
    userId,
    model,
    promptVersion,
    message.from.name,
    message.from.email,
    message.date ?? null,
    message.subject,
    message.body ?? null,
    message.body === undefined ? message.snippet : null,
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
