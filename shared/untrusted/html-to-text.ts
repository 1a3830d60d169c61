import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { parseColor, parseLegacyColor, type Rgba } from './css-color';
import { cascade, type Declarations, parseDeclarations } from './css-declarations';
import {
  colorHidesText,
  DEFAULT_BACKGROUND,
  DEFAULT_COLOR,
  hiddenReason,
  paintedBackground,
  type StyleLookup,
} from './css-visibility';
import { BLOCK, DROPPED, PARAGRAPH_ELEMENTS } from './html-elements';
import { addStyleSheet, emptyStyleSheet, matchingDeclarations, type StyleSheet } from './stylesheet';

type Node = DefaultTreeAdapterMap['node'];
type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

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
  block: boolean;
  hidden: boolean;
  pre: boolean;
  color: Rgba;
  background: Rgba;
  /** Text directly in this element is painted (nearly) in its background colour. */
  invisibleInk: boolean;
  /** The element that started the hidden subtree this one is in, if any. */
  hiddenRoot: Frame | null;
  /** The hidden subtree this frame starts (or its own colour-hidden text) held text. */
  hiddenHadText: boolean;
}

const ROOT: Frame = {
  name: '#document',
  block: false,
  hidden: false,
  pre: false,
  color: DEFAULT_COLOR,
  background: DEFAULT_BACKGROUND,
  invisibleInk: false,
  hiddenRoot: null,
  hiddenHadText: false,
};

/**
 * Block boundaries are marked first and resolved at the end, so `</li><li>` is one line break, not
 * two. The markers are private-use characters, removed from mail text before it is collected.
 */
const LINE = '\uE000';
const PARAGRAPH = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const HAS_MARKER = /[\uE000\uE001]/;

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

/** Every `<style>` applies to the whole mail, wherever it stands, so they are all read before the walk. */
function collectStyleSheet(document: Node, html: string): StyleSheet {
  const sheet = emptyStyleSheet();
  if (!/<style/i.test(html)) return sheet;
  const pending: Node[] = [document];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (!('childNodes' in node)) continue;
    if (node.nodeName === 'style') {
      let css = '';
      for (const child of node.childNodes) if (child.nodeName === '#text') css += (child as TextNode).value;
      addStyleSheet(sheet, css);
      continue;
    }
    for (const child of node.childNodes) pending.push(child);
  }
  return sheet;
}

const NO_MATCHES: Declarations[] = [];

function lookup(style: Map<string, string>): StyleLookup {
  return (property) => style.get(property);
}

/**
 * HTML mail → the text a reader sees. Hidden text is returned apart, never mixed into `text`.
 * The tree is the one a browser builds (parse5 follows the HTML standard, quirks mode and entity
 * decoding included), so markup cannot move text out of a hidden element by exploiting a simpler
 * parser's idea of where an element ends.
 */
export function htmlToText(html: string): HtmlText {
  // Mail clients never run scripts, so <noscript> content is markup a reader sees.
  const document = parse(html, { scriptingEnabled: false });
  // Browsers' quirks-mode style sheet resets the text colour at every <table> (a Netscape-era rule
  // old bulk mail relies on): <font color=white> around a table does not paint the table's text.
  const quirks = document.mode === 'quirks';
  const sheet = collectStyleSheet(document, html);
  const visible: string[] = [];
  const hidden: string[] = [];
  let hiddenDropped = 0;

  // An explicit stack rather than recursion: mail nested thousands deep must not overflow it.
  // `null` marks the end of the element whose frame is on top of `frames`.
  const work: Array<ChildNode | null> = [];
  const frames: Frame[] = [ROOT];
  const pushChildren = (node: { childNodes: ChildNode[] }) => {
    for (let i = node.childNodes.length - 1; i >= 0; i -= 1) work.push(node.childNodes[i] as ChildNode);
  };
  pushChildren(document);

  while (work.length > 0) {
    const node = work.pop();
    const parent = frames[frames.length - 1] ?? ROOT;
    if (node === null) {
      frames.pop();
      if (parent.hiddenRoot === parent && parent.hiddenHadText) hiddenDropped += 1;
      if (parent.block && !parent.hidden) visible.push(boundary(parent.name));
      continue;
    }
    if (node === undefined) break;
    // nodeName tells text, comments and elements apart without `in` checks across node shapes.
    const nodeName = node.nodeName;
    if (nodeName === '#text') {
      const raw = (node as TextNode).value;
      // Most text nodes in mail markup are the whitespace between tags: settle them without regexes.
      const blank = raw.trim() === '';
      if (blank && !parent.pre) {
        (parent.hidden ? hidden : visible).push(' ');
        continue;
      }
      const unmarked = HAS_MARKER.test(raw) ? raw.replace(MARKERS, '') : raw;
      const text = parent.pre ? unmarked : unmarked.replace(/[ \t\n\r\f]+/g, ' ');
      if (parent.hidden) {
        hidden.push(text);
        if (!blank && parent.hiddenRoot) parent.hiddenRoot.hiddenHadText = true;
        continue;
      }
      if (!blank && parent.invisibleInk) {
        hidden.push(text);
        // One count per element whose own text is painted invisibly.
        if (!parent.hiddenHadText) hiddenDropped += 1;
        parent.hiddenHadText = true;
        continue;
      }
      visible.push(text);
      continue;
    }
    // Comments, doctypes: nothing a reader sees.
    if (nodeName.charCodeAt(0) === 35) continue;

    const element = node as Element;
    const name = element.tagName;
    // Scripts, styles, the head and the like show nothing, and so hide nothing either.
    if (DROPPED.has(name)) continue;
    if (name === 'br') {
      if (!parent.hidden) visible.push('\n');
      continue;
    }
    if (name === 'hr') {
      if (!parent.hidden) visible.push(PARAGRAPH);
      continue;
    }
    const block = BLOCK.has(name);
    // Images, inputs and empty inline elements hold no text: nothing about them can matter.
    if (element.childNodes.length === 0 && !block) continue;

    if (parent.hidden) {
      // Inside a hidden subtree nothing can show again, so its styles and colours need no reading.
      frames.push({ ...parent, name, block, hiddenHadText: false });
      work.push(null);
      pushChildren(element);
      continue;
    }

    let styleAttr: string | undefined;
    let colorAttr: string | undefined;
    let bgcolorAttr: string | undefined;
    let hiddenByAttribute = false;
    for (const attr of element.attrs) {
      switch (attr.name) {
        case 'style':
          styleAttr = attr.value;
          break;
        case 'color':
          colorAttr = attr.value;
          break;
        case 'text':
          // <body text="…"> sets the text colour of the whole mail, as <font color> does locally.
          if (name === 'body') colorAttr = attr.value;
          break;
        case 'bgcolor':
          bgcolorAttr = attr.value;
          break;
        case 'hidden':
          hiddenByAttribute = true;
          break;
        case 'aria-hidden':
          if (attr.value.trim().toLowerCase() === 'true') hiddenByAttribute = true;
          break;
        case 'type':
          if (attr.value.trim().toLowerCase() === 'hidden') hiddenByAttribute = true;
          break;
      }
    }
    const matched = sheet.size > 0 ? matchingDeclarations(sheet, element) : NO_MATCHES;
    const inline = styleAttr ? parseDeclarations(styleAttr) : undefined;
    const style = matched.length > 0 || (inline && inline.size > 0) ? cascade(matched, inline) : null;
    const ownHidden = hiddenByAttribute || (style !== null && hiddenReason(lookup(style)) !== null);
    // Presentational attributes rank below any CSS, so they count only where no style sets the colour.
    const cssColor = style?.get('color');
    const color =
      (cssColor !== undefined
        ? parseColor(cssColor)
        : colorAttr !== undefined
          ? parseLegacyColor(colorAttr)
          : null) ?? (quirks && name === 'table' ? DEFAULT_COLOR : parent.color);
    const cssBackground = style?.get('background-color');
    const legacyBackground =
      cssBackground === undefined && bgcolorAttr !== undefined ? parseLegacyColor(bgcolorAttr) : null;
    const background = legacyBackground ?? paintedBackground(cssBackground, parent.background);
    const frame: Frame = {
      name,
      block,
      hidden: ownHidden,
      pre: parent.pre || name === 'pre' || name === 'textarea' || name === 'listing',
      color,
      background,
      // Colours are parsed once per spelling and inherited as the same objects, so most elements
      // reuse their parent's verdict.
      invisibleInk:
        color === parent.color && background === parent.background
          ? parent.invisibleInk
          : colorHidesText(color, background),
      hiddenRoot: ownHidden ? null : parent.hiddenRoot,
      hiddenHadText: false,
    };
    if (ownHidden) frame.hiddenRoot = frame;
    if (!frame.hidden) {
      if (block) visible.push(boundary(name));
      else if (name === 'td' || name === 'th') visible.push(' ');
    }
    frames.push(frame);
    work.push(null);
    pushChildren(element);
  }

  return { text: tidy(visible.join('')), hiddenDropped, hiddenText: tidy(hidden.join(' ')) };
}
