import { htmlToText } from '../untrusted/html-to-text';
import { mayAddressAi } from '../untrusted/injection';
import { decodeBinaryText, decodeCharset } from './bytes';
import { decodeHeaderValue } from './encoded-words';
import { firstHeader, type HeaderMap, parseParams, splitEntity } from './headers';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding';

/** What the walk found in a message's MIME tree. */
export interface MimeContent {
  plain: string[];
  html: string[];
  calendar: boolean;
  /** Decoded text/calendar source (capped), so the invite's own words can be read. */
  calendarSource: string;
  attachments: number;
  attachmentNames: string[];
  /**
   * The body in document order: each piece is one multipart/alternative (its plain and HTML
   * renderings of the same text) or one standalone text part. A multipart/mixed with an HTML part
   * and a plain part holds two pieces, and both are text the reader sees.
   */
  pieces: TextPiece[];
}

export interface TextPiece {
  plain: string[];
  html: string[];
}

interface AlternativeGroup extends TextPiece {
  /** text/enriched is only read when the alternative offers no text/plain. */
  enriched: string[];
}

/** Budgets that keep a 25 MB body or a pathological tree cheap: only the head of each part is read. */
const MAX_DEPTH = 12;
const MAX_PARTS = 300;
const MAX_TEXT_SOURCE = 1_000_000;

/** An invite's text is short; anything longer is padding. */
const MAX_CALENDAR = 20_000;

/**
 * A named part is an attachment unless the sender marked it `inline`: mail clients show an inline
 * text part (a pasted patch, an HTML body saved as "filename.html") as part of the message.
 */
function isAttachmentDisposition(disposition: string, filename: string | undefined): boolean {
  return (
    disposition === 'attachment' || (disposition !== 'inline' && filename !== undefined && filename !== '')
  );
}

interface Walk {
  content: MimeContent;
  parts: number;
  group: AlternativeGroup | null;
}

function addText(state: Walk, kind: 'plain' | 'html', text: string): void {
  state.content[kind].push(text);
  if (state.group) state.group[kind].push(text);
  else
    state.content.pieces.push(kind === 'plain' ? { plain: [text], html: [] } : { plain: [], html: [text] });
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

interface Delimiter {
  /** Index of the first `-` of the delimiter line. */
  start: number;
  /** Index just past the delimiter line's line break (or the end of the body). */
  next: number;
  close: boolean;
}

/**
 * Finds the next delimiter line at or after `from`. A delimiter is a whole line: `--boundary`,
 * optionally `--`, then only transport padding, so `--boundaryX` inside a part is body text.
 */
function findDelimiter(body: string, delimiter: string, from: number): Delimiter | null {
  let at = from === 0 && body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`, from);
  while (at >= 0) {
    const start = body[at] === '\n' ? at + 1 : at;
    let i = start + delimiter.length;
    const close = body.startsWith('--', i);
    if (close) i += 2;
    while (body[i] === ' ' || body[i] === '\t') i++;
    if (i >= body.length) return { start, next: body.length, close };
    if (body[i] === '\n' || (body[i] === '\r' && (body[i + 1] === '\n' || i + 1 === body.length))) {
      const lineEnd = body.indexOf('\n', i);
      return { start, next: lineEnd < 0 ? body.length : lineEnd + 1, close };
    }
    at = body.indexOf(`\n${delimiter}`, start + 1);
  }
  return null;
}

/** Splits a multipart body on its boundary; the preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current = findDelimiter(body, delimiter, 0);
  while (current && !current.close && parts.length < MAX_PARTS) {
    if (current.next >= body.length) break;
    const following = findDelimiter(body, delimiter, current.next - 1);
    let end = following ? following.start - 1 : body.length;
    // The CRLF before a delimiter belongs to the delimiter.
    if (following && end > current.next && body[end - 1] === '\r') end--;
    parts.push(body.slice(current.next, Math.max(current.next, end)));
    current = following;
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
  const fromDisposition = disposition.params.filename !== undefined;
  const filename = disposition.params.filename ?? type.params.name;
  // RFC 2231 values are decoded already; anything else may still hold RFC 2047 words or raw 8-bit.
  const filenameDecoded = fromDisposition ? disposition.extended.has('filename') : type.extended.has('name');
  const encoding = firstHeader(headers, 'content-transfer-encoding') ?? '7bit';

  if (mediaType.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = type.params.boundary;
    const children = boundary ? splitMultipart(body, boundary) : [];
    if (children.length === 0) {
      // A multipart without a usable boundary: read it as text rather than lose it.
      addText(state, 'plain', decodeTransfer(body, encoding, type.params.charset));
      return;
    }
    const childDefault = mediaType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    const outer = state.group;
    const group: AlternativeGroup | null =
      mediaType === 'multipart/alternative' && !outer ? { plain: [], html: [], enriched: [] } : null;
    if (group) {
      state.content.pieces.push(group);
      state.group = group;
    }
    for (const child of children) walk(child, state, depth + 1, childDefault);
    if (group) {
      state.group = outer;
      if (group.plain.length === 0) {
        for (const text of group.enriched) addToGroup(state, group, text);
      }
      group.enriched = [];
    }
    return;
  }
  if (mediaType === 'text/calendar' || filename?.toLowerCase().endsWith('.ics')) {
    state.content.calendar = true;
    if (state.content.calendarSource === '') {
      state.content.calendarSource = decodeTransfer(body, encoding, type.params.charset).slice(
        0,
        MAX_CALENDAR,
      );
    }
    if (!isAttachmentDisposition(disposition.value, filename)) return;
  }
  const isAttachment = isAttachmentDisposition(disposition.value, filename);
  if (isAttachment || !mediaType.startsWith('text/')) {
    state.content.attachments++;
    if (filename && state.content.attachmentNames.length < 20) {
      state.content.attachmentNames.push(
        (filenameDecoded ? filename : decodeHeaderValue(filename)).slice(0, 200),
      );
    }
    return;
  }
  if (mediaType === 'text/html') {
    addText(state, 'html', decodeTransfer(body, encoding, type.params.charset));
  } else if (mediaType === 'text/enriched' && state.group) {
    state.group.enriched.push(decodeTransfer(body, encoding, type.params.charset));
  } else if (mediaType === 'text/plain' || mediaType === 'text' || mediaType === 'text/enriched') {
    addText(state, 'plain', decodeTransfer(body, encoding, type.params.charset));
  }
}

function addToGroup(state: Walk, group: AlternativeGroup, text: string): void {
  state.content.plain.push(text);
  group.plain.push(text);
}

/** Walks the MIME tree of a message whose head is already split off. */
export function readMime(headers: HeaderMap, body: string): MimeContent {
  const state: Walk = {
    content: {
      plain: [],
      html: [],
      calendar: false,
      calendarSource: '',
      attachments: 0,
      attachmentNames: [],
      pieces: [],
    },
    parts: 0,
    group: null,
  };
  walkEntity(headers, body, state, 0, 'text/plain');
  return state.content;
}

/** Cheap sign that an HTML alternative may hide text; only then is it read just for the flag. */
const HIDING_CSS =
  /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0|mso-hide|\shidden[\s>=]/i;
/**
 * Text painted near-white is the usual colour trick. Newsletters paint white text on coloured
 * buttons all the time, so an alternative is only read for it when it also holds words aimed at an AI.
 */
const NEAR_WHITE = /(?:^|[^-])color\s*[:=]\s*["']?\s*(?:white|#f[ef]f[ef]f[ef]\b|#fff\b|rgb\(\s*25[0-5])/i;

function mayHide(html: string): boolean {
  return HIDING_CSS.test(html) || (NEAR_WHITE.test(html) && mayAddressAi(html));
}

/** Old bulk mail often sends HTML without saying so. */
const LOOKS_LIKE_HTML = /^\s*<(?:!doctype|html|head|body|table|div|p|font|center|meta)\b/i;

export interface BodyText {
  text: string;
  /** The HTML hid text from the reader (display:none, zero size, same colour, hiding stylesheet rules). */
  hidden: boolean;
  /** What was hidden, kept apart for the injection check; never shown, never part of `text`. */
  hiddenText: string;
}

/**
 * The message text, piece by piece: an alternative's text/plain when it has words, otherwise the
 * visible text of its HTML; standalone parts (HTML or plain) each count.
 * Hidden text in the HTML alternative matters even when the plain part is shown instead: it is what
 * an assistant reading the HTML would have been fed.
 */
export function bodyText(content: MimeContent): BodyText {
  const hiddenParts: string[] = [];
  let hidden = false;
  const visible = (html: string) => {
    const result = htmlToText(html);
    if (result.hiddenDropped > 0) {
      hidden = true;
      if (result.hiddenText) hiddenParts.push(result.hiddenText);
    }
    return result.text;
  };
  const texts: string[] = [];
  for (const piece of content.pieces) {
    const plain = piece.plain
      .map((text) => (LOOKS_LIKE_HTML.test(text) ? visible(text) : text.replace(/\r\n?/g, '\n')))
      .join('\n')
      .trim();
    if (plain) {
      texts.push(plain);
      for (const html of piece.html) if (mayHide(html)) visible(html);
    } else if (piece.html.length > 0) {
      texts.push(piece.html.map(visible).join('\n\n').trim());
    }
  }
  const text = texts.filter((t) => t !== '').join('\n');
  return { text, hidden, hiddenText: hiddenParts.join('\n') };
}
