import { decodeBinaryText, decodeCharset } from './bytes';
import { decodeHeaderValue } from './encoded-words';
import { firstHeader, type HeaderMap, parseParams, splitEntity } from './headers';
import { htmlToVisibleText, normalizeWhitespace } from './html-text';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding';

/** What the walk found in a message's MIME tree. */
export interface MimeContent {
  plain: string[];
  html: string[];
  calendar: boolean;
  attachments: number;
  attachmentNames: string[];
}

/** Budgets that keep a 25 MB body or a pathological tree cheap: only the head of each part is read. */
const MAX_DEPTH = 12;
const MAX_PARTS = 300;
const MAX_TEXT_SOURCE = 1_000_000;

interface Walk {
  content: MimeContent;
  parts: number;
}

function decodeTransfer(body: string, encoding: string, charset: string | undefined): string {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') {
    return decodeCharset(decodeBase64(body, MAX_TEXT_SOURCE), charset);
  }
  const source = body.length > MAX_TEXT_SOURCE ? body.slice(0, MAX_TEXT_SOURCE) : body;
  if (enc === 'quoted-printable') return decodeBinaryText(decodeQuotedPrintable(source), charset);
  return decodeBinaryText(source, charset);
}

/** Splits a multipart body on its boundary; the preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let pos = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`);
  if (pos < 0) return [];
  if (pos > 0) pos += 1;
  while (pos >= 0 && parts.length < MAX_PARTS) {
    const afterDelimiter = pos + delimiter.length;
    if (body.startsWith('--', afterDelimiter)) break;
    const lineEnd = body.indexOf('\n', afterDelimiter);
    if (lineEnd < 0) break;
    const next = body.indexOf(`\n${delimiter}`, lineEnd);
    const end = next < 0 ? body.length : next;
    // The CRLF before a delimiter belongs to the delimiter.
    parts.push(body.slice(lineEnd + 1, end > 0 && body[end - 1] === '\r' ? end - 1 : end));
    pos = next < 0 ? -1 : next + 1;
  }
  return parts;
}

function walk(entity: string, state: Walk, depth: number, defaultType: string): void {
  const { headers, body } = splitEntity(entity);
  walkEntity(headers, body, state, depth, defaultType);
}

function walkEntity(headers: HeaderMap, body: string, state: Walk, depth: number, defaultType: string): void {
  state.parts++;
  if (state.parts > MAX_PARTS) return;
  const type = parseParams(firstHeader(headers, 'content-type') ?? defaultType);
  const mediaType = type.value || defaultType;
  const disposition = parseParams(firstHeader(headers, 'content-disposition'));
  const filename = disposition.params.filename ?? type.params.name;
  const encoding = firstHeader(headers, 'content-transfer-encoding') ?? '7bit';

  if (mediaType.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = type.params.boundary;
    const children = boundary ? splitMultipart(body, boundary) : [];
    if (children.length === 0) {
      // A multipart without a usable boundary: read it as text rather than lose it.
      state.content.plain.push(decodeTransfer(body, encoding, type.params.charset));
      return;
    }
    const childDefault = mediaType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const child of children) walk(child, state, depth + 1, childDefault);
    return;
  }
  if (mediaType === 'text/calendar' || filename?.toLowerCase().endsWith('.ics')) {
    state.content.calendar = true;
  }
  const isAttachment = disposition.value === 'attachment' || (filename !== undefined && filename !== '');
  if (isAttachment || !mediaType.startsWith('text/')) {
    state.content.attachments++;
    if (filename && state.content.attachmentNames.length < 20) {
      state.content.attachmentNames.push(decodeHeaderValue(filename).slice(0, 200));
    }
    return;
  }
  if (mediaType === 'text/html') {
    state.content.html.push(decodeTransfer(body, encoding, type.params.charset));
  } else if (mediaType === 'text/plain' || mediaType === 'text' || mediaType === 'text/enriched') {
    state.content.plain.push(decodeTransfer(body, encoding, type.params.charset));
  }
}

/** Walks the MIME tree of a message whose head is already split off. */
export function readMime(headers: HeaderMap, body: string): MimeContent {
  const state: Walk = {
    content: { plain: [], html: [], calendar: false, attachments: 0, attachmentNames: [] },
    parts: 0,
  };
  walkEntity(headers, body, state, 0, 'text/plain');
  return state.content;
}

/** Cheap sign that an HTML alternative may hide text; only then is it read just for the flag. */
const HIDING_CSS =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0|mso-hide|\shidden[\s>=]/i;

/** Old bulk mail often sends HTML without saying so. */
const LOOKS_LIKE_HTML = /^\s*<(?:!doctype|html|head|body|table|div|p|font|center|meta)\b/i;

/**
 * The message text: text/plain parts when present, otherwise the visible text of the HTML.
 * `hidden` says the HTML the user would see hid text (display:none, zero size, same colour).
 */
export function bodyText(content: MimeContent): { text: string; hidden: boolean } {
  let hidden = false;
  const visible = (html: string) => {
    const result = htmlToVisibleText(html);
    hidden ||= result.hidden;
    return result.text;
  };
  // Hidden text in the HTML alternative matters even when a plain part is shown instead.
  if (content.plain.length > 0) {
    for (const html of content.html) if (HIDING_CSS.test(html)) visible(html);
  }
  const plain = content.plain
    .map((text) => (LOOKS_LIKE_HTML.test(text) ? visible(text) : text.replace(/\r\n?/g, '\n')))
    .join('\n')
    .trim();
  if (plain) return { text: plain, hidden };
  return { text: normalizeWhitespace(content.html.map(visible).join('\n')), hidden };
}
