import { type Address, LIMITS, TRIAGE_HEADERS } from '../schemas';
import { parseAddressList } from './addresses';
import { bytesToBinary } from './bytes';
import { parseMailDate } from './date';
import { decodeHeaderValue } from './encoded-words';
import { MailParseError } from './errors';
import { firstHeader, splitEntity } from './headers';
import { bodyText, readMime } from './mime';

/** Marks a body that was cut to LIMITS.bodyChars. */
export const CUT_MARKER = '\n[… message cut]';

export interface ParsedMessage {
  /** Message-ID without angle brackets, when present. */
  messageId?: string;
  from: Address;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  subject: string;
  /** ISO 8601, when the Date header made sense. */
  date?: string;
  /** Only TRIAGE_HEADERS, decoded and capped. */
  headers: Record<string, string>;
  /** Plain text of the body (visible text for HTML-only mail), capped at LIMITS.bodyChars. */
  text: string;
  truncated: boolean;
  attachments: number;
  attachmentNames: string[];
  /** A text/calendar part or .ics file: a meeting invite or update. */
  calendar: boolean;
  /** The HTML hid text from the reader (display:none, zero size, text coloured like its background). */
  hiddenText: boolean;
}

/** Headers that show a block of text really is a message head. */
const MESSAGE_HEADERS = [
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'received',
  'content-type',
  'mime-version',
  'return-path',
  'delivered-to',
  'reply-to',
  'cc',
  'sender',
];

function stripEnvelope(text: string): string {
  let start = 0;
  // Leading blank lines and a BOM happen when files are concatenated or saved by editors.
  while (start < text.length && /[\r\n\ufeff\xef\xbb\xbf]/.test(text[start] ?? '')) start++;
  if (text.startsWith('From ', start)) {
    const nl = text.indexOf('\n', start);
    return nl < 0 ? '' : text.slice(nl + 1);
  }
  return start > 0 ? text.slice(start) : text;
}

function cap(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** Parses a raw RFC 822 message. Malformed input is read as far as it goes. */
export function parseMessage(raw: string | Uint8Array): ParsedMessage {
  const source = typeof raw === 'string' ? raw : bytesToBinary(raw);
  const text = stripEnvelope(source);
  if (text.trim() === '') throw new MailParseError('empty message');
  const { headers, body } = splitEntity(text);
  if (!MESSAGE_HEADERS.some((name) => headers.has(name))) {
    throw new MailParseError('no header block');
  }

  const content = readMime(headers, body);
  const visible = bodyText(content);
  let bodyTextValue = visible.text;
  let truncated = false;
  if (bodyTextValue.length > LIMITS.bodyChars) {
    bodyTextValue = bodyTextValue.slice(0, LIMITS.bodyChars - CUT_MARKER.length) + CUT_MARKER;
    truncated = true;
  }

  const triageHeaders: Record<string, string> = {};
  for (const name of TRIAGE_HEADERS) {
    const value = firstHeader(headers, name);
    if (value !== undefined) triageHeaders[name] = cap(decodeHeaderValue(value), 2_000);
  }

  const messageId = firstHeader(headers, 'message-id')?.trim().replace(/^<|>$/g, '').trim();
  return {
    messageId: messageId || undefined,
    from: parseAddressList(firstHeader(headers, 'from'), 1)[0] ?? { name: '', email: '' },
    to: parseAddressList(headers.get('to')?.join(', ')),
    cc: parseAddressList(headers.get('cc')?.join(', ')),
    replyTo: parseAddressList(firstHeader(headers, 'reply-to'), 5),
    subject: cap(decodeHeaderValue(firstHeader(headers, 'subject') ?? '').trim(), LIMITS.subjectChars),
    date: parseMailDate(firstHeader(headers, 'date')),
    headers: triageHeaders,
    text: bodyTextValue,
    truncated,
    attachments: Math.min(content.attachments, 1_000),
    attachmentNames: content.attachmentNames,
    calendar: content.calendar,
    hiddenText: visible.hidden,
  };
}
