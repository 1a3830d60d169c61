/** CSS declaration blocks, read only for the properties that decide whether text can be seen. */

export interface Declared {
  value: string;
  important: boolean;
}

export type Declarations = Map<string, Declared>;

/** What the visibility rules read; everything else in a declaration block is skipped. */
const READ: ReadonlySet<string> = new Set([
  'display',
  'visibility',
  'font-size',
  'opacity',
  'overflow',
  'overflow-x',
  'overflow-y',
  'width',
  'height',
  'max-width',
  'max-height',
  'position',
  'left',
  'top',
  'text-indent',
  'color',
  'background-color',
]);

const IMPORTANT = /!\s*important\s*$/i;

export function parseDeclarations(block: string): Declarations {
  const declarations: Declarations = new Map();
  // Comments inside style attributes are a known way to split a property past naive filters.
  const text = block.includes('/*') ? block.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '') : block;
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    let name = part.slice(0, colon).trim().toLowerCase();
    // The shorthand sets the colour too, and resets it when it names none: either way it decides.
    if (name === 'background') name = 'background-color';
    if (!READ.has(name)) continue;
    let value = part
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    const important = IMPORTANT.test(value);
    if (important) value = value.replace(IMPORTANT, '').trim();
    if (!value) continue;
    // Within one block a later declaration wins, unless the earlier one is !important and it is not.
    if (!important && declarations.get(name)?.important) continue;
    declarations.set(name, { value, important });
  }
  return declarations;
}

/**
 * The cascade for one element: `matched` holds the declaration blocks of the style rules that
 * match it, lowest specificity and earliest first. Inline style beats any rule, `!important` in a
 * rule beats inline style, `!important` inline beats everything.
 */
export function cascade(
  matched: readonly Declarations[],
  inline: Declarations | undefined,
): Map<string, string> {
  const normal = new Map<string, string>();
  const important = new Map<string, string>();
  for (const block of matched) {
    for (const [name, declared] of block) (declared.important ? important : normal).set(name, declared.value);
  }
  const inlineImportant: Array<[string, string]> = [];
  if (inline) {
    for (const [name, declared] of inline) {
      if (declared.important) inlineImportant.push([name, declared.value]);
      else normal.set(name, declared.value);
    }
  }
  for (const [name, value] of important) normal.set(name, value);
  for (const [name, value] of inlineImportant) normal.set(name, value);
  return normal;
}
