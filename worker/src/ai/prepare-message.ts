import type { Address, MessageSummary } from '../../../shared/schemas';
import { type PreparedMail, prepareForModel, type Redactor } from '../../../shared/untrusted';

/** Bodies are plain text by contract, but raw HTML from a mail file still arrives now and then. */
const LOOKS_LIKE_HTML = /^\s*<(?:!doctype|html|head|body|div|table|p|span|meta)\b/i;

function formatAddress(address: Address): string {
  if (!address.name) return address.email;
  return address.email ? `${address.name} <${address.email}>` : address.name;
}

/** The conversation's own people: their addresses stay readable, everyone else's is redacted. */
export function participantsOf(message: MessageSummary, userEmails: readonly string[]): string[] {
  return [message.from, ...message.to, ...message.cc]
    .map((address) => address.email)
    .filter((email) => email.length > 0)
    .concat(userEmails);
}

/** The mail text a model answer may quote links from (see sanitizeModelText). */
export function originalText(message: MessageSummary): string {
  return [message.subject, message.snippet, message.body ?? ''].join('\n');
}

export function prepareMessage(
  message: MessageSummary,
  userEmails: readonly string[],
  maxTokens: number,
  redactor?: Redactor,
): PreparedMail {
  const body = message.body ?? message.snippet;
  return prepareForModel({
    subject: message.subject,
    from: formatAddress(message.from),
    body,
    bodyIsHtml: LOOKS_LIKE_HTML.test(body),
    participants: participantsOf(message, userEmails),
    maxTokens,
    redactor,
  });
}
