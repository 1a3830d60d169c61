/** A forgiving HTML tokenizer for mail: no DOM, so it runs in Workers, and linear in the input size. */

export type HtmlToken =
  | { kind: 'text'; text: string }
  | { kind: 'start'; name: string; attrs: Map<string, string> }
  | { kind: 'end'; name: string };

// Quoted values may contain '>', exactly as browsers read them.
const START_TAG = /<([a-zA-Z][^\t\n\f\r />]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
const END_TAG = /<\/([a-zA-Z][^\t\n\f\r />]*)[^>]*>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Elements whose content is raw text up to their own end tag. */
export const RAW_TEXT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
]);

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    // The first occurrence of a duplicated attribute wins in browsers.
    if (!name || attrs.has(name)) continue;
    attrs.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

export function* tokenize(html: string): Generator<HtmlToken> {
  let i = 0;
  const length = html.length;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', text: html.slice(i) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: html.slice(i, lt) };
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? length : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? length : end + 1;
      continue;
    }
    if (next === '/') {
      END_TAG.lastIndex = lt;
      const match = END_TAG.exec(html);
      if (match?.[1]) {
        yield { kind: 'end', name: match[1].toLowerCase() };
        i = END_TAG.lastIndex;
      } else {
        // `</` not followed by a name is a bogus comment in HTML.
        const end = html.indexOf('>', lt);
        i = end < 0 ? length : end + 1;
      }
      continue;
    }
    START_TAG.lastIndex = lt;
    const match = START_TAG.exec(html);
    if (!match?.[1]) {
      if (next !== undefined && /[a-zA-Z]/.test(next)) return; // unterminated tag: browsers drop the rest
      yield { kind: 'text', text: '<' };
      i = lt + 1;
      continue;
    }
    const name = match[1].toLowerCase();
    yield { kind: 'start', name, attrs: parseAttributes(match[2] ?? '') };
    i = START_TAG.lastIndex;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, 'ig');
      close.lastIndex = i;
      const found = close.exec(html);
      const end = found ? found.index : length;
      yield { kind: 'text', text: html.slice(i, end) };
      yield { kind: 'end', name };
      const closeEnd = found ? html.indexOf('>', end) : -1;
      i = closeEnd < 0 ? length : closeEnd + 1;
    }
  }
}
