import { decodeEntities } from './html-entities';

/** Elements whose content is never visible text. */
const DROPPED = new Set([
  'script',
  'style',
  'head',
  'title',
  'noscript',
  'template',
  'svg',
  'object',
  'iframe',
]);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'tr',
  'li',
  'ul',
  'ol',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'pre',
  'center',
  'dd',
  'dt',
]);

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?\]\]>|<[!?][^>]*>|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

function styleOf(attrs: string): string {
  const m = /\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').toLowerCase().replace(/\s+/g, '');
}

const CSS_PROPS = {
  'font-size': /(?:^|;)font-size:([^;!]+)/,
  color: /(?:^|;)color:([^;!]+)/,
  'background-color': /(?:^|;)background-color:([^;!]+)/,
  background: /(?:^|;)background:([^;!]+)/,
} as const;

function cssValue(style: string, prop: keyof typeof CSS_PROPS): string | undefined {
  return CSS_PROPS[prop].exec(style)?.[1];
}

/**
 * Hidden-text tricks from real injection mails: display:none, visibility:hidden, zero size,
 * zero opacity, Outlook's mso-hide, and text coloured like its own background.
 */
function isHidden(attrs: string): boolean {
  if (!attrs) return false;
  if (/\shidden(?:\s|=|$)/i.test(attrs) || /aria-hidden\s*=\s*["']?true/i.test(attrs)) return true;
  const style = styleOf(attrs);
  if (!style) return false;
  if (/(?:^|;)(?:display:none|visibility:hidden|mso-hide:all|opacity:0(?:\.0+)?(?:;|$))/.test(style))
    return true;
  const size = cssValue(style, 'font-size');
  if (size && /^0*(?:\.\d+)?(?:px|pt|em|rem|%)?$|^[01]px$/.test(size)) return true;
  if (/(?:^|;)(?:max-)?height:0(?:px)?(?:;|$)/.test(style) && /overflow:hidden/.test(style)) return true;
  const color = cssValue(style, 'color');
  const background = cssValue(style, 'background-color') ?? cssValue(style, 'background');
  return color !== undefined && background !== undefined && color === background;
}

/** Visible text of an HTML document, as plain text. Never produces markup. */
export function htmlToText(html: string): string {
  return htmlToVisibleText(html).text;
}

/** Visible text, and whether the document hid text from the reader (a prompt-injection trick). */
export function htmlToVisibleText(html: string): { text: string; hidden: boolean } {
  let hidden = false;
  const out: string[] = [];
  let hiddenTag = '';
  let hiddenDepth = 0;
  let last = 0;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (hiddenDepth === 0) out.push(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0].charCodeAt(1) === 47; /* / */
    if (hiddenDepth > 0) {
      if (name === hiddenTag && !VOID.has(name)) hiddenDepth += closing ? -1 : m[0].endsWith('/>') ? 0 : 1;
      continue;
    }
    if (closing) {
      if (BLOCK.has(name)) out.push('\n');
      else if (name === 'td' || name === 'th') out.push(' ');
      continue;
    }
    if (DROPPED.has(name)) {
      // Skip straight to the matching close tag: their content is never text.
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, last);
      if (close < 0) {
        last = html.length;
        break;
      }
      const end = html.indexOf('>', close);
      last = end < 0 ? html.length : end + 1;
      TAG.lastIndex = last;
      continue;
    }
    if (!VOID.has(name) && !m[0].endsWith('/>') && isHidden(m[2] ?? '')) {
      hidden = true;
      hiddenTag = name;
      hiddenDepth = 1;
      continue;
    }
    if (BLOCK.has(name)) out.push('\n');
  }
  if (hiddenDepth === 0) out.push(html.slice(last));
  return { text: normalizeWhitespace(decodeEntities(out.join(''))), hidden };
}

/** Collapses runs of spaces and blank lines; two passes that only touch runs, not every gap between words. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/[\t\f\v\u00a0 ]{2,}|[\t\f\v\u00a0]/g, ' ')
    .replace(/ ?(?:\r\n?|\n)\s*/g, (run) =>
      run.split('\n').length > 2 || /\r[^\n]*\r/.test(run) ? '\n\n' : '\n',
    )
    .trim();
}
