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
}

/** Parses `type/sub; key="value"; key*=utf-8''x` (Content-Type, Content-Disposition). */
export function parseParams(header: string | undefined): HeaderParams {
  if (!header) return { value: '', params: {} };
  const semi = header.indexOf(';');
  const value = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semi < 0) return { value, params };
  const re = /;\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  re.lastIndex = semi;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const key = (m[1] ?? '').toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    // RFC 2231 continuations (name*0, name*1) are joined; the charset prefix is dropped.
    const base = key.replace(/\*\d*\*?$/, '');
    const extended = key.endsWith('*') ? raw.replace(/^[^']*'[^']*'/, '') : raw;
    const decoded = key.endsWith('*') ? safeDecodeURI(extended) : extended;
    params[base] = base in params && /\*\d+\*?$/.test(key) ? params[base] + decoded : decoded;
  }
  return { value, params };
}

function safeDecodeURI(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
