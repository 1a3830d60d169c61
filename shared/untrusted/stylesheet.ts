/**
 * `<style>` rules, matched against a parsed mail the way a browser's cascade would for the
 * properties that hide text. Gmail honours class, id, type and attribute selectors with descendant
 * and child combinators, so those are read; a selector using anything else (pseudo-classes,
 * sibling combinators) is skipped rather than guessed at. Rules inside `@media` are skipped too:
 * they usually switch layouts for phones or dark mode, and guessing wrong there would drop text the
 * user can see.
 */
import { type Declarations, parseDeclarations } from './css-declarations';

export interface MatchAttribute {
  name: string;
  value: string;
}

/** The shape of a parsed element that matching needs; parse5's elements have it. */
export interface MatchElement {
  tagName: string;
  attrs: readonly MatchAttribute[];
  parentNode: object | null;
}

interface AttributeTest {
  name: string;
  op: string;
  value: string;
}

interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
  attributes: AttributeTest[];
}

interface Rule {
  /** Rightmost compound last. */
  compounds: Compound[];
  /** `combinators[i]` joins compounds[i] to compounds[i + 1]. */
  combinators: Array<' ' | '>'>;
  specificity: number;
  order: number;
  declarations: Declarations;
}

export interface StyleSheet {
  byId: Map<string, Rule[]>;
  byClass: Map<string, Rule[]>;
  byTag: Map<string, Rule[]>;
  universal: Rule[];
  size: number;
  /** Ancestor steps left for descendant matching: hostile selectors cannot make a mail slow. */
  budget: number;
}

/** Real newsletters carry a few hundred rules; more than this is padding or an attack. */
const MAX_RULES = 4_000;
const MAX_COMPOUNDS = 8;
const MATCH_BUDGET = 500_000;

export function emptyStyleSheet(): StyleSheet {
  return {
    byId: new Map(),
    byClass: new Map(),
    byTag: new Map(),
    universal: [],
    size: 0,
    budget: MATCH_BUDGET,
  };
}

const NAME = '[\\w\\u00A0-\\uFFFF-]+';
const TAG = /\*|[a-zA-Z][\w-]*/y;
const PART = new RegExp(
  `\\.(${NAME})|#(${NAME})|\\[\\s*([\\w-]+)\\s*(?:([~^$*|]?=)\\s*(?:"([^"]*)"|'([^']*)'|([^\\s\\]]+))\\s*)?\\]`,
  'y',
);
const SPACE = /\s*/y;

function parseSelector(text: string): Omit<Rule, 'order' | 'declarations'> | null {
  const compounds: Compound[] = [];
  const combinators: Array<' ' | '>'> = [];
  let ids = 0;
  let classes = 0;
  let types = 0;
  let i = 0;
  const source = text.trim();
  while (i < source.length) {
    const compound: Compound = { tag: null, id: null, classes: [], attributes: [] };
    let empty = true;
    TAG.lastIndex = i;
    const tag = TAG.exec(source);
    if (tag) {
      if (tag[0] !== '*') {
        compound.tag = tag[0].toLowerCase();
        types += 1;
      }
      i = TAG.lastIndex;
      empty = false;
    }
    for (;;) {
      PART.lastIndex = i;
      const part = PART.exec(source);
      if (!part) break;
      i = PART.lastIndex;
      empty = false;
      if (part[1] !== undefined) {
        compound.classes.push(part[1].toLowerCase());
        classes += 1;
      } else if (part[2] !== undefined) {
        // Two ids in one compound can never match; keeping the first is enough to fail it.
        if (compound.id === null) compound.id = part[2].toLowerCase();
        else compound.classes.push(`#${part[2]}`);
        ids += 1;
      } else if (part[3] !== undefined) {
        compound.attributes.push({
          name: part[3].toLowerCase(),
          op: part[4] ?? '',
          value: part[5] ?? part[6] ?? part[7] ?? '',
        });
        classes += 1;
      }
    }
    if (empty) return null;
    compounds.push(compound);
    if (compounds.length > MAX_COMPOUNDS) return null;
    SPACE.lastIndex = i;
    SPACE.exec(source);
    const spaced = SPACE.lastIndex > i;
    i = SPACE.lastIndex;
    if (i >= source.length) break;
    if (source[i] === '>') {
      combinators.push('>');
      SPACE.lastIndex = i + 1;
      SPACE.exec(source);
      i = SPACE.lastIndex;
    } else if (spaced) {
      combinators.push(' ');
    } else {
      return null;
    }
  }
  if (compounds.length === 0 || combinators.length !== compounds.length - 1) return null;
  return { compounds, combinators, specificity: ids * 1_000_000 + classes * 1_000 + types };
}

function add(index: Map<string, Rule[]>, key: string, rule: Rule): void {
  const list = index.get(key);
  if (list) list.push(rule);
  else index.set(key, [rule]);
}

function addRule(sheet: StyleSheet, prelude: string, body: string): void {
  const declarations = parseDeclarations(body);
  if (declarations.size === 0) return;
  for (const selectorText of prelude.split(',')) {
    if (sheet.size >= MAX_RULES) return;
    const parsed = parseSelector(selectorText);
    if (!parsed) continue;
    const rule: Rule = { ...parsed, order: sheet.size, declarations };
    sheet.size += 1;
    const last = parsed.compounds[parsed.compounds.length - 1] as Compound;
    if (last.id !== null) add(sheet.byId, last.id, rule);
    else if (last.classes[0] !== undefined) add(sheet.byClass, last.classes[0], rule);
    else if (last.tag !== null) add(sheet.byTag, last.tag, rule);
    else sheet.universal.push(rule);
  }
}

/** Grouping rules whose content applies unconditionally for a mail client that supports them. */
const GROUPING = /^@(?:supports|document|-moz-document|layer)\b/i;

/** Adds a `<style>` element's rules. One linear pass: a brace or at-rule never makes it backtrack. */
export function addStyleSheet(sheet: StyleSheet, css: string): void {
  const text = css.includes('/*') ? css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '') : css;
  const length = text.length;
  let start = 0;
  let i = 0;
  while (i < length && sheet.size < MAX_RULES) {
    const char = text[i];
    if (char === '{') {
      const prelude = text.slice(start, i).trim();
      if (prelude.startsWith('@')) {
        if (GROUPING.test(prelude)) {
          i += 1;
        } else {
          // @media, @font-face, @keyframes …: skip the whole block, nested braces included.
          let depth = 1;
          i += 1;
          while (i < length && depth > 0) {
            if (text[i] === '{') depth += 1;
            else if (text[i] === '}') depth -= 1;
            i += 1;
          }
        }
      } else {
        const close = text.indexOf('}', i + 1);
        const end = close < 0 ? length : close;
        addRule(sheet, prelude, text.slice(i + 1, end));
        i = end + 1;
      }
      start = i;
    } else if (char === '}' || (char === ';' && text.slice(start, i).trimStart().startsWith('@'))) {
      // The end of a grouping rule, or a statement such as @import or @charset.
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
}

interface Keys {
  id: string | null;
  classes: string[];
}

const NO_CLASSES: string[] = [];

function keysOf(element: MatchElement): Keys {
  let id: string | null = null;
  let classes = NO_CLASSES;
  for (const attr of element.attrs) {
    if (attr.name === 'id') id = attr.value.trim().toLowerCase();
    else if (attr.name === 'class') {
      const value = attr.value.trim().toLowerCase();
      // Each class once, so no rule is brought in twice through a repeated class.
      if (value) classes = [...new Set(value.split(/\s+/))];
    }
  }
  return { id, classes };
}

function attributeMatches(element: MatchElement, test: AttributeTest): boolean {
  const attr = element.attrs.find((candidate) => candidate.name === test.name);
  if (!attr) return false;
  const { value } = attr;
  switch (test.op) {
    case '':
      return true;
    case '=':
      return value === test.value;
    case '~=':
      return value.split(/\s+/).includes(test.value);
    case '^=':
      return test.value !== '' && value.startsWith(test.value);
    case '$=':
      return test.value !== '' && value.endsWith(test.value);
    case '*=':
      return test.value !== '' && value.includes(test.value);
    case '|=':
      return value === test.value || value.startsWith(`${test.value}-`);
    default:
      return false;
  }
}

function compoundMatches(element: MatchElement, compound: Compound): boolean {
  if (compound.tag !== null && element.tagName !== compound.tag) return false;
  if (compound.id !== null || compound.classes.length > 0) {
    const keys = keysOf(element);
    if (compound.id !== null && keys.id !== compound.id) return false;
    for (const name of compound.classes) if (!keys.classes.includes(name)) return false;
  }
  for (const test of compound.attributes) if (!attributeMatches(element, test)) return false;
  return true;
}

function parentElement(element: MatchElement): MatchElement | null {
  const parent = element.parentNode as Partial<MatchElement> | null;
  return parent && typeof parent.tagName === 'string' ? (parent as MatchElement) : null;
}

/** Does compounds[0..index] match ending at `element`? Backtracks over ancestors, within the budget. */
function matchesFrom(sheet: StyleSheet, rule: Rule, index: number, element: MatchElement): boolean {
  const compound = rule.compounds[index] as Compound;
  if (!compoundMatches(element, compound)) return false;
  if (index === 0) return true;
  const combinator = rule.combinators[index - 1];
  let ancestor = parentElement(element);
  while (ancestor) {
    if (sheet.budget <= 0) return false;
    sheet.budget -= 1;
    if (matchesFrom(sheet, rule, index - 1, ancestor)) return true;
    if (combinator === '>') return false;
    ancestor = parentElement(ancestor);
  }
  return false;
}

const NO_MATCHES: Declarations[] = [];

/** The declaration blocks of the rules matching `element`, in cascade order (specificity, then source order). */
export function matchingDeclarations(sheet: StyleSheet, element: MatchElement): Declarations[] {
  if (sheet.size === 0) return NO_MATCHES;
  const keys = keysOf(element);
  const candidates: Rule[] = [];
  const take = (rules: Rule[] | undefined) => {
    if (rules) for (const rule of rules) candidates.push(rule);
  };
  if (keys.id !== null) take(sheet.byId.get(keys.id));
  for (const name of keys.classes) take(sheet.byClass.get(name));
  take(sheet.byTag.get(element.tagName));
  take(sheet.universal);
  if (candidates.length === 0) return NO_MATCHES;
  const matched = candidates.filter((rule) => matchesFrom(sheet, rule, rule.compounds.length - 1, element));
  if (matched.length === 0) return NO_MATCHES;
  matched.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
  return matched.map((rule) => rule.declarations);
}
