import { decodeCharset } from './bytes';

/** Lower-cased header name → raw (still encoded, unfolded) values in order of appearance. */
export type HeaderMap = Map<string, string[]>;

export interface SplitMessage {
  headers: HeaderMap;
  body: string;
  /** How many lines in the head looked like headers; 0 means there was no header block. */
  headerCount: number;
}

const HEADER_LINE = /^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/;

/** Finds the blank line that ends a head, tolerating CRLF, LF and a lone CR between. */
function headEnd(text: string, from: number): { end: number; bodyStart: number } {
  // A part that opens with a blank line has no headers at all.
  if (text.startsWith('\n', from)) return { end: from, bodyStart: from + 1 };
  if (text.startsWith('\r\n', from)) return { end: from, bodyStart: from + 2 };
  const lf = text.indexOf('\n\n', from);
  const crlf = text.indexOf('\r\n\r\n', from);
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) {
    // "\r\n\n" and "\n\r\n" mixes: the blank line may hold a CR.
    return { end: lf, bodyStart: lf + 2 };
  }
  const mixed = text.indexOf('\n\r\n', from);
  if (mixed >= 0) return { end: mixed, bodyStart: mixed + 3 };
  return { end: text.length, bodyStart: text.length };
}

/** Splits an entity (message or MIME part) into headers and body; headers are unfolded. */
export function splitEntity(text: string, maxHeadChars = 256 * 1024): SplitMessage {
  const { end, bodyStart } = headEnd(text, 0);
  const headers: HeaderMap = new Map();
  let headerCount = 0;
  const head = text.slice(0, Math.min(end, maxHeadChars));
  const lines = head.split(/\r?\n|\r/);
  let name = '';
  let value = '';
  const flush = () => {
    if (!name) return;
    const list = headers.get(name);
    if (list) list.push(value);
    else headers.set(name, [value]);
    name = '';
  };
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && name) {
      value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const m = HEADER_LINE.exec(line);
    if (m) {
      name = (m[1] ?? '').toLowerCase();
      value = (m[2] ?? '').trim();
      headerCount++;
    }
  }
  flush();
  return { headers, body: text.slice(bodyStart), headerCount };
}

export function firstHeader(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name)?.[0];
}

export interface HeaderParams {
  value: string;
  params: Record<string, string>;
  /** Names whose value came from RFC 2231 `name*=` form: already charset-decoded text. */
  extended: Set<string>;
}

interface Segment {
  index: number;
  extended: boolean;
  raw: string;
}

/** `%E9` escapes into bytes; a stray `%` stays a literal byte. */
function percentBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(text.charCodeAt(i) & 0xff);
    }
  }
  return out;
}

/**
 * Joins RFC 2231 segments (`name*0*=utf-8'en'a%20; name*1=b`) in index order and decodes them in
 * the charset the first segment names. Only the first segment carries `charset'language'`.
 */
function joinSegments(segments: Segment[]): string {
  segments.sort((a, b) => a.index - b.index);
  let charset = '';
  const bytes: number[] = [];
  segments.forEach((segment, i) => {
    let raw = segment.raw;
    if (segment.extended && i === 0) {
      const m = /^([^']*)'[^']*'/.exec(raw);
      if (m) {
        charset = m[1] ?? '';
        raw = raw.slice(m[0].length);
      }
    }
    if (segment.extended) bytes.push(...percentBytes(raw));
    else for (let j = 0; j < raw.length; j++) bytes.push(raw.charCodeAt(j) & 0xff);
  });
  return decodeCharset(Uint8Array.from(bytes), charset);
}

/** Parses `type/sub; key="value"; key*=utf-8''x` (Content-Type, Content-Disposition). */
export function parseParams(header: string | undefined): HeaderParams {
  const extended = new Set<string>();
  if (!header) return { value: '', params: {}, extended };
  const semi = header.indexOf(';');
  const value = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semi < 0) return { value, params, extended };
  const segments = new Map<string, Segment[]>();
  const re = /;\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  re.lastIndex = semi;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const key = (m[1] ?? '').toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    const rfc2231 = /^(.+?)\*(?:(\d+)(\*)?)?$/.exec(key);
    if (!rfc2231) {
      if (!(key in params)) params[key] = raw;
      continue;
    }
    const base = rfc2231[1] ?? key;
    const indexed = rfc2231[2] !== undefined;
    const segment = {
      index: indexed ? Number(rfc2231[2]) : 0,
      extended: !indexed || rfc2231[3] === '*',
      raw,
    };
    const list = segments.get(base);
    if (list) list.push(segment);
    else segments.set(base, [segment]);
  }
  // The RFC 2231 form wins over a plain `name=` fallback sent alongside it.
  for (const [base, list] of segments) {
    if (list.some((segment) => segment.extended)) {
      params[base] = joinSegments(list);
      extended.add(base);
    } else {
      params[base] = list
        .sort((a, b) => a.index - b.index)
        .map((segment) => segment.raw)
        .join('');
    }
  }
  return { value, params, extended };
}
