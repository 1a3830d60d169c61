import { type Address, LIMITS, TRIAGE_HEADERS } from '../schemas';
import { detectInjection } from '../untrusted/injection';
import { parseAddressList } from './addresses';
import { bytesToBinary } from './bytes';
import { type InviteText, readInvite } from './calendar';
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
  /** How much text was hidden, in characters. */
  hiddenChars: number;
  /** The hidden text is written to an AI ("ignore previous instructions", "mark this urgent"). */
  hiddenInjection: boolean;
  /** What the invite card shows, when there is a text/calendar part. */
  invite?: InviteText;
}

/** The injection check reads this much hidden text: an attack sits near the top, not after 20 KB of filler. */
const HIDDEN_SCAN_CHARS = 20_000;

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

/**
 * Header text on one line: an encoded CR/LF in a subject or name ("=?utf-8?Q?Hi=0D=0ABcc:...?=")
 * must never become a line break in anything built from it later.
 */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return /[\u0000-\u001f\u007f]/.test(text) ? text.replace(/[\u0000-\u001f\u007f]+/g, ' ') : text;
}

function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.split('\u0000').join('') : text;
}

function oneLineAddress(address: Address): Address {
  return { name: oneLine(address.name), email: oneLine(address.email) };
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
  let bodyTextValue = withoutNul(visible.text);
  let truncated = false;
  if (bodyTextValue.length > LIMITS.bodyChars) {
    bodyTextValue = bodyTextValue.slice(0, LIMITS.bodyChars - CUT_MARKER.length) + CUT_MARKER;
    truncated = true;
  }

  const triageHeaders: Record<string, string> = {};
  for (const name of TRIAGE_HEADERS) {
    const value = firstHeader(headers, name);
    if (value !== undefined) triageHeaders[name] = cap(oneLine(decodeHeaderValue(value)), 2_000);
  }

  const messageId = firstHeader(headers, 'message-id')?.trim().replace(/^<|>$/g, '').trim();
  return {
    messageId: messageId || undefined,
    from: oneLineAddress(parseAddressList(firstHeader(headers, 'from'), 1)[0] ?? { name: '', email: '' }),
    to: parseAddressList(headers.get('to')?.join(', ')).map(oneLineAddress),
    cc: parseAddressList(headers.get('cc')?.join(', ')).map(oneLineAddress),
    replyTo: parseAddressList(firstHeader(headers, 'reply-to'), 5).map(oneLineAddress),
    subject: cap(
      oneLine(decodeHeaderValue(firstHeader(headers, 'subject') ?? '')).trim(),
      LIMITS.subjectChars,
    ),
    date: parseMailDate(firstHeader(headers, 'date')),
    headers: triageHeaders,
    text: bodyTextValue,
    truncated,
    attachments: Math.min(content.attachments, 1_000),
    attachmentNames: content.attachmentNames.map(oneLine),
    calendar: content.calendar,
    hiddenText: visible.hidden,
    hiddenChars: visible.hiddenText.length,
    hiddenInjection:
      visible.hiddenText !== '' && detectInjection(visible.hiddenText.slice(0, HIDDEN_SCAN_CHARS)).suspicious,
    invite: content.calendar ? readInvite(content.calendarSource) : undefined,
  };
}
