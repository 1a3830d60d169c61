import type { Rgba } from './css-color';
import {
  BLOCK,
  CELLS,
  CLOSES_P,
  DEFINITION_BOUNDARY,
  DEFINITION_ITEMS,
  DROPPED,
  endBoundary,
  HEAD_CONTENT,
  LIST_BOUNDARY,
  NO_BOUNDARY,
  PARAGRAPH_ELEMENTS,
  ROW_BOUNDARY,
  SCOPE_BOUNDARY,
  TABLE_SECTION_BOUNDARY,
  VOID,
} from './html-elements';
import { decodeEntities } from './html-entities';
import { forEachToken } from './html-tokens';
import {
  backgroundFor,
  colorFor,
  colorHidesText,
  DEFAULT_BACKGROUND,
  DEFAULT_COLOR,
  hiddenReason,
  parseStyle,
} from './inline-style';
import { collectHidingSelectors, type HidingSelectors, hiddenBySelectors } from './stylesheet-hiding';

export interface HtmlText {
  /** What a reader sees, with block elements on their own lines. */
  text: string;
  /** Hidden elements (or runs of invisible-colour text) that held text and were left out. */
  hiddenDropped: number;
  /** The text that was hidden, kept apart so injection checks can still read it. */
  hiddenText: string;
}

interface Frame {
  name: string;
  hidden: boolean;
  dropped: boolean;
  pre: boolean;
  color: Rgba;
  background: Rgba;
  /** Text directly in this element is painted (nearly) in its background colour. */
  invisibleInk: boolean;
  /** This frame started a hidden subtree: close it to count it. */
  hiddenRoot: boolean;
  /** A hidden subtree (or colour-hidden run under this frame) that held text. */
  hiddenHadText: boolean;
}

const ROOT: Frame = {
  name: '#root',
  hidden: false,
  dropped: false,
  pre: false,
  color: DEFAULT_COLOR,
  background: DEFAULT_BACKGROUND,
  invisibleInk: false,
  hiddenRoot: false,
  hiddenHadText: false,
};

function isHiddenByAttributes(attrs: Map<string, string>, selectors: HidingSelectors): boolean {
  if (attrs.has('hidden')) return true;
  if (attrs.get('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  if (attrs.get('type')?.toLowerCase() === 'hidden') return true;
  return hiddenBySelectors(selectors, attrs.get('class'), attrs.get('id'));
}

/**
 * Block boundaries are marked first and resolved at the end, so `</li><li>` is one line break, not
 * two. The markers are private-use characters, removed from mail text before it is collected.
 */
const LINE = '\uE000';
const PARAGRAPH = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

function boundary(name: string): string {
  return PARAGRAPH_ELEMENTS.has(name) ? PARAGRAPH : LINE;
}

/** Whole-string passes rather than a split per line: this runs on every mail, so it must stay cheap. */
function tidy(raw: string): string {
  return (
    raw
      // A run of boundaries with a paragraph in it is a blank line, any other run one line break.
      .replace(
        /[\uE000\uE001][\uE000\uE001 \t\n]*\uE001[\uE000\uE001 \t\n]*|\uE001[\uE000\uE001 \t\n]*/g,
        '\n\n',
      )
      .replace(/\uE000[\uE000 \t\n]*/g, '\n')
      .replace(/[ \t\u00A0\r\f\v]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** The only attributes that decide visibility or colour. */
const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'style',
  'color',
  'bgcolor',
  'hidden',
  'aria-hidden',
  'type',
  'class',
  'id',
]);
const NO_STYLE: Map<string, string> = new Map();

/** HTML mail → the text a reader sees. Hidden text is returned apart, never mixed into `text`. */
export function htmlToText(html: string): HtmlText {
  const visible: string[] = [];
  const hidden: string[] = [];
  const selectors: HidingSelectors = { classes: new Set(), ids: new Set() };
  const stack: Frame[] = [{ ...ROOT }];
  let hiddenDropped = 0;
  const top = () => stack[stack.length - 1] ?? ROOT;
  // How many of each element are open: most lookups are for elements that are not open at all, and
  // answering those without walking the stack keeps deeply nested mail linear.
  const openCount = new Map<string, number>();
  const countOpen = (name: string, delta: number) => openCount.set(name, (openCount.get(name) ?? 0) + delta);
  const isOpen = (names: Set<string> | string) => {
    if (typeof names === 'string') return (openCount.get(names) ?? 0) > 0;
    for (const name of names) if ((openCount.get(name) ?? 0) > 0) return true;
    return false;
  };

  const popTo = (index: number) => {
    while (stack.length > index) {
      const frame = stack.pop();
      if (!frame) break;
      countOpen(frame.name, -1);
      if (frame.hiddenRoot && frame.hiddenHadText) hiddenDropped += 1;
      if (!frame.hidden && !frame.dropped && BLOCK.has(frame.name)) visible.push(boundary(frame.name));
    }
  };
  const findOpen = (names: Set<string> | string, boundary: Set<string>): number => {
    if (!isOpen(names)) return -1;
    for (let i = stack.length - 1; i > 0; i -= 1) {
      const name = stack[i]?.name ?? '';
      if (typeof names === 'string' ? name === names : names.has(name)) return i;
      if (boundary.has(name)) return -1;
    }
    return -1;
  };
  const closeImplied = (name: string) => {
    if (CLOSES_P.has(name)) {
      const p = findOpen('p', SCOPE_BOUNDARY);
      if (p > 0) popTo(p);
    }
    if (name === 'li') {
      const li = findOpen('li', LIST_BOUNDARY);
      if (li > 0) popTo(li);
    }
    if (name === 'dt' || name === 'dd') {
      const item = findOpen(DEFINITION_ITEMS, DEFINITION_BOUNDARY);
      if (item > 0) popTo(item);
    }
    if (name === 'td' || name === 'th' || name === 'tr') {
      const cell = findOpen(CELLS, ROW_BOUNDARY);
      if (cell > 0) popTo(cell);
    }
    if (name === 'tr') {
      const row = findOpen('tr', TABLE_SECTION_BOUNDARY);
      if (row > 0) popTo(row);
    }
    const head = findOpen('head', NO_BOUNDARY);
    if (head > 0 && !HEAD_CONTENT.has(name)) popTo(head);
  };

  let inStyle = false;
  // A callback per token rather than a generator: resuming a generator for every tag and text run
  // cost more than the work done on most of them.
  forEachToken(html, READ_ATTRIBUTES, (token) => {
    if (token.kind === 'text') {
      const frame = top();
      if (inStyle) {
        collectHidingSelectors(token.text, selectors);
        return;
      }
      // Most text tokens in mail markup are the whitespace between tags: settle them without regexes.
      const blank = token.text.trim() === '';
      if (frame.name === 'head' && !blank) popTo(stack.length - 1);
      const current = top();
      if (current.dropped) return;
      if (blank && !current.pre) {
        (current.hidden ? hidden : visible).push(' ');
        return;
      }
      const entities = decodeEntities(token.text);
      const decoded = /[\uE000\uE001]/.test(entities) ? entities.replace(MARKERS, '') : entities;
      const text = current.pre ? decoded : decoded.replace(/[ \t\n\r\f]+/g, ' ');
      if (current.hidden) {
        hidden.push(text);
        if (!blank) current.hiddenHadText = true;
        return;
      }
      if (!blank && current.invisibleInk) {
        hidden.push(text);
        // One count per element whose own text is painted invisibly.
        if (!current.hiddenHadText) hiddenDropped += 1;
        current.hiddenHadText = true;
        return;
      }
      visible.push(text);
      return;
    }

    if (token.kind === 'end') {
      if (token.name === 'style') inStyle = false;
      if (token.name === 'br') {
        if (!top().hidden && !top().dropped) visible.push('\n');
        return;
      }
      if (token.name === 'p' && findOpen('p', SCOPE_BOUNDARY) < 0) {
        if (!top().hidden && !top().dropped) visible.push(PARAGRAPH);
        return;
      }
      const index = findOpen(token.name, endBoundary(token.name));
      if (index > 0) popTo(index);
      return;
    }

    const { name, attrs } = token;
    closeImplied(name);
    const parent = top();
    if (name === 'style') inStyle = true;
    if (VOID.has(name)) {
      if (name === 'br' && !parent.hidden && !parent.dropped) visible.push('\n');
      if (name === 'hr' && !parent.hidden && !parent.dropped) visible.push(PARAGRAPH);
      return;
    }
    const styleAttr = attrs.get('style');
    const style = styleAttr ? parseStyle(styleAttr) : NO_STYLE;
    const ownHidden =
      !parent.hidden &&
      ((style !== NO_STYLE && hiddenReason(style) !== null) || isHiddenByAttributes(attrs, selectors));
    const color = colorFor(style, attrs.get('color'), parent.color);
    const background = backgroundFor(style, attrs.get('bgcolor'), parent.background);
    const frame: Frame = {
      name,
      hidden: parent.hidden || ownHidden,
      dropped: parent.dropped || DROPPED.has(name),
      pre: parent.pre || name === 'pre' || name === 'textarea',
      color,
      background,
      // Colours are inherited as the same objects, so most elements reuse their parent's verdict.
      invisibleInk:
        color === parent.color && background === parent.background
          ? parent.invisibleInk
          : colorHidesText(color, background),
      hiddenRoot: ownHidden,
      hiddenHadText: false,
    };
    if (!frame.hidden && !frame.dropped) {
      if (BLOCK.has(name)) visible.push(boundary(name));
      else if (name === 'td' || name === 'th') visible.push(' ');
    }
    stack.push(frame);
    countOpen(name, 1);
  });
  popTo(1);

  return { text: tidy(visible.join('')), hiddenDropped, hiddenText: tidy(hidden.join(' ')) };
}
