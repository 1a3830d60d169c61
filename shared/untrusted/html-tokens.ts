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

/** Per `keep` set: a quick test for whether an attribute text can hold any of its names at all. */
const keptNameTests = new WeakMap<ReadonlySet<string>, RegExp>();

function keptNameTest(keep: ReadonlySet<string>): RegExp {
  let test = keptNameTests.get(keep);
  if (!test) {
    const names = [...keep].map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
    test = new RegExp(`(?:^|[\\s"'/])(?:${names})(?=[\\s=/>]|$)`, 'i');
    keptNameTests.set(keep, test);
  }
  return test;
}

/** Shared by every tag without attributes; readers never mutate token attributes. */
const NO_ATTRIBUTES: Map<string, string> = new Map();

function parseAttributes(source: string, keep: ReadonlySet<string> | undefined): Map<string, string> {
  if (source.length === 0 || source.trim() === '' || source.trim() === '/') return NO_ATTRIBUTES;
  // Most mail tags carry only href, src, width and the like; skip the attribute walk for them.
  if (keep && !keptNameTest(keep).test(source)) return NO_ATTRIBUTES;
  const attrs = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match; match = ATTRIBUTE.exec(source)) {
    const name = match[1]?.toLowerCase();
    // The first occurrence of a duplicated attribute wins in browsers.
    if (!name || attrs.has(name) || (keep && !keep.has(name))) continue;
    attrs.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

/** `keep` names the only attributes the caller reads; the rest are skipped, which saves most of the work on mail markup. */
export function forEachToken(
  html: string,
  keep: ReadonlySet<string> | undefined,
  visit: (token: HtmlToken) => void,
): void {
  let i = 0;
  const length = html.length;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      visit({ kind: 'text', text: html.slice(i) });
      return;
    }
    if (lt > i) visit({ kind: 'text', text: html.slice(i, lt) });
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
        visit({ kind: 'end', name: match[1].toLowerCase() });
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
      visit({ kind: 'text', text: '<' });
      i = lt + 1;
      continue;
    }
    const name = match[1].toLowerCase();
    visit({ kind: 'start', name, attrs: parseAttributes(match[2] ?? '', keep) });
    i = START_TAG.lastIndex;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, 'ig');
      close.lastIndex = i;
      const found = close.exec(html);
      const end = found ? found.index : length;
      visit({ kind: 'text', text: html.slice(i, end) });
      visit({ kind: 'end', name });
      const closeEnd = found ? html.indexOf('>', end) : -1;
      i = closeEnd < 0 ? length : closeEnd + 1;
    }
  }
}
