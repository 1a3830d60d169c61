import type { ThreadSummaryRequest } from '../../../shared/schemas';

/**
 * Cache key for a thread summary: the user, the model, the prompt version and everything of the
 * thread the prompt reads. A new reply changes the key; reopening the same thread does not.
 */
export async function threadContentKey(
  userId: string,
  request: ThreadSummaryRequest,
  model: string,
  promptVersion: string,
): Promise<string> {
  // A JSON array is an unambiguous encoding: no field can bleed into the next.
  const material = JSON.stringify([
    'brody-ai-summary',
    userId,
    model,
    promptVersion,
    request.subject,
    [...request.userEmails].map((email) => email.toLowerCase()).sort(),
    request.messages.map((message) => [
      message.from.name,
      message.from.email,
      message.to.map((address) => address.email),
      message.date ?? null,
      message.text,
    ]),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
