/**
 * An open Gmail conversation → the thread the summariser reads. Only text a person can see is
 * taken: mail HTML hides instructions for models in white-on-white spans, `display:none` blocks and
 * zero-size boxes, so every body element is checked with getComputedStyle (by the same rules the
 * HTML-string path uses), checkVisibility() and its text's boxes before its text counts.
 * Text is read from text nodes only; nothing from the mail is ever parsed as HTML.
 */
import { LIMITS } from '../../../shared/limits';
import type { Address, ThreadMessage } from '../../../shared/schemas';
import { parseColor, type Rgba } from '../../../shared/untrusted/css-color';
import {
  colorHidesText,
  DEFAULT_BACKGROUND,
  DEFAULT_COLOR,
  hiddenReason,
  paintedBackground,
  type StyleLookup,
} from '../../../shared/untrusted/css-visibility';
import { invisibleKinds, stripInvisible } from '../../../shared/untrusted/invisible';
import { cleanText, parseGmailDate } from './read';
import { GMAIL_THREAD, queryAll, queryFirst } from './selectors';

export interface ReadThread {
  threadId: string;
  subject: string;
  messages: ThreadMessage[];
  /** True when some body text was skipped because the page hides it. */
  hiddenTextRemoved: boolean;
  /** True when zero-width, tag or direction-control characters were stripped from a body. */
  invisibleRemoved: boolean;
}

/** The contract's ceiling; the summariser itself reads the first and the latest of them. */
const MAX_MESSAGES = 1_000;
const MAX_RECIPIENTS = 100;
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'IMG',
  'SVG',
  'IFRAME',
  'OBJECT',
  // A drop-down's options are not laid out until it opens: neither text the reader sees nor hidden.
  'SELECT',
  'DATALIST',
]);
const BLOCK_TAGS = new Set([
  'DIV',
  'P',
  'LI',
  'UL',
  'OL',
  'TR',
  'TABLE',
  'BLOCKQUOTE',
  'PRE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'SECTION',
  'ARTICLE',
]);

/** The colour actually painted behind `element`: its own or the nearest opaque ancestor's. */
function backgroundBehind(element: Element, view: Window): Rgba {
  const chain: Element[] = [];
  for (let at: Element | null = element; at; at = at.parentElement) chain.push(at);
  let background = DEFAULT_BACKGROUND;
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    background = paintedBackground(view.getComputedStyle(chain[i] as Element).backgroundColor, background);
  }
  return background;
}

function computed(style: CSSStyleDeclaration): StyleLookup {
  return (property) => style.getPropertyValue(property) || undefined;
}

interface Checks {
  /** `checkVisibility()` exists (Chromium 105+): it also sees `content-visibility` and ancestors' opacity. */
  checkVisibility: boolean;
  /** The page is laid out (a real browser, not a DOM without layout), so boxes can be measured. */
  layout: boolean;
  range: Range;
}

/**
 * Why `element` is hidden from a reader, or null. The CSS rules are the ones the HTML-string path
 * applies (`hiddenReason`), read from the computed style so the browser's cascade decides.
 */
function hiddenBy(element: Element, style: CSSStyleDeclaration, checks: Checks): string | null {
  if (element.hasAttribute('hidden')) return 'hidden';
  if (element.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return 'aria-hidden';
  const reason = hiddenReason(computed(style));
  if (reason !== null) return reason;
  if (
    checks.checkVisibility &&
    !element.checkVisibility({
      checkOpacity: true,
      checkVisibilityCSS: true,
      opacityProperty: true,
      visibilityProperty: true,
    } as CheckVisibilityOptions)
  ) {
    return 'check-visibility';
  }
  return null;
}

/**
 * A text node that paints nothing: every box it lays out in has no width or no height (text in a
 * zero-size font, or squeezed into a zero-size box the style rules did not recognise).
 */
function paintsNoBox(text: Text, checks: Checks): boolean {
  if (!checks.layout) return false;
  checks.range.selectNodeContents(text);
  for (const rect of checks.range.getClientRects()) if (rect.width > 0 && rect.height > 0) return false;
  return true;
}

interface VisibleText {
  text: string;
  hidden: boolean;
}

/** Text a reader sees inside `root`, with line breaks where blocks and `<br>` break lines. */
export function visibleTextOf(root: Element): VisibleText {
  const view = root.ownerDocument.defaultView;
  if (!view) return { text: root.textContent ?? '', hidden: false };
  const rootBox = root.getBoundingClientRect();
  const checks: Checks = {
    checkVisibility: typeof root.checkVisibility === 'function',
    layout: rootBox.width > 0 && rootBox.height > 0,
    range: root.ownerDocument.createRange(),
  };
  const parts: string[] = [];
  let hidden = false;

  const walk = (element: Element, ink: Rgba, background: Rgba): void => {
    for (const child of element.childNodes) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        if (value.trim() !== '' && (colorHidesText(ink, background) || paintsNoBox(child as Text, checks))) {
          hidden = true;
          continue;
        }
        parts.push(value);
        continue;
      }
      if (!(child instanceof view.Element) || SKIPPED_TAGS.has(child.tagName.toUpperCase())) continue;
      const tag = child.tagName.toUpperCase();
      if (tag === 'BR') {
        parts.push('\n');
        continue;
      }
      const style = view.getComputedStyle(child);
      if (hiddenBy(child, style, checks) !== null) {
        if ((child.textContent ?? '').trim() !== '') hidden = true;
        continue;
      }
      const block = BLOCK_TAGS.has(tag);
      if (block) parts.push('\n');
      walk(child, parseColor(style.color) ?? ink, paintedBackground(style.backgroundColor, background));
      if (block) parts.push('\n');
    }
  };
  const rootStyle = view.getComputedStyle(root);
  walk(root, parseColor(rootStyle.color) ?? DEFAULT_COLOR, backgroundBehind(root, view));
  return { text: parts.join(''), hidden };
}

/** Spaces collapsed inside lines, at most one blank line between paragraphs, invisible characters gone. */
export function tidyBodyText(raw: string): string {
  return stripInvisible(raw)
    .text.replace(/[\u00a0\u202f\u2007\t ]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, LIMITS.bodyChars);
}

function shownText(text: string | null | undefined, max: number): string {
  return cleanText(stripInvisible(text ?? '').text, max);
}

function readAddress(element: Element): Address {
  return {
    name: shownText(element.getAttribute('name') || element.textContent, LIMITS.nameChars),
    email: shownText(element.getAttribute('email'), LIMITS.emailChars),
  };
}

function messageId(element: Element, index: number): string {
  const raw = element.getAttribute('data-legacy-message-id') || element.getAttribute('data-message-id') || '';
  const id = raw.replace(/^#?msg-[a-z]:/i, '').slice(0, LIMITS.idChars);
  return id || `m${index}`;
}

function isCollapsed(element: Element): boolean {
  return element.classList.contains('kv') || element.closest('.kv') !== null;
}

function readMessage(
  element: Element,
  index: number,
): { message: ThreadMessage; hidden: boolean; invisible: boolean } {
  const sender = queryFirst(element, GMAIL_THREAD.messageSender);
  const body = isCollapsed(element) ? null : queryFirst(element, GMAIL_THREAD.messageBody);
  const visible = body
    ? visibleTextOf(body)
    : { text: queryFirst(element, GMAIL_THREAD.messageSnippet)?.textContent ?? '', hidden: false };
  const date = parseGmailDate(queryFirst(element, GMAIL_THREAD.messageTime)?.getAttribute('title'));
  return {
    message: {
      id: messageId(element, index),
      from: sender ? readAddress(sender) : { name: '', email: '' },
      to: queryAll(element, GMAIL_THREAD.messageRecipients).slice(0, MAX_RECIPIENTS).map(readAddress),
      ...(date ? { date } : {}),
      text: tidyBodyText(visible.text),
    },
    hidden: visible.hidden,
    invisible: invisibleKinds(visible.text).length > 0,
  };
}

/** Keeps the opening message and the latest ones when a thread holds more than the contract allows. */
function withinLimit<T>(items: T[]): T[] {
  if (items.length <= MAX_MESSAGES) return items;
  return [...items.slice(0, 1), ...items.slice(items.length - (MAX_MESSAGES - 1))];
}

/**
 * Reads the open thread, or null when no message is on the page yet. `fallbackThreadId` (from the
 * URL) is used when the subject heading carries no id.
 */
export function readOpenThread(root: ParentNode, fallbackThreadId: string): ReadThread | null {
  const container = queryFirst(root, GMAIL_THREAD.threadContainer) ?? root;
  const elements = withinLimit(queryAll(container, GMAIL_THREAD.threadMessage));
  if (elements.length === 0) return null;
  const heading = queryFirst(root, GMAIL_THREAD.threadSubject);
  const threadId =
    heading?.getAttribute('data-legacy-thread-id') ||
    heading?.getAttribute('data-thread-perm-id')?.replace(/^#?thread-[a-z]:/i, '') ||
    fallbackThreadId;
  let hiddenTextRemoved = false;
  let invisibleRemoved = false;
  const messages = elements.map((element, index) => {
    const read = readMessage(element, index);
    if (read.hidden) hiddenTextRemoved = true;
    if (read.invisible) invisibleRemoved = true;
    return read.message;
  });
  return {
    threadId: threadId.slice(0, LIMITS.idChars),
    subject: shownText(heading?.textContent, LIMITS.subjectChars),
    messages,
    hiddenTextRemoved,
    invisibleRemoved,
  };
}
