/** What the HTML parser knows about elements, reduced to what text extraction needs. */

function names(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** Content that is never shown, so it is neither text nor "hidden text". */
export const DROPPED = names('script style head template title iframe noembed noframes object');

export const VOID = names('area base br col embed hr img input link meta param source track wbr');

export const BLOCK = names(
  'address article aside blockquote caption center dd div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul',
);

/** Blocks separated by a blank line rather than a line break. */
export const PARAGRAPH_ELEMENTS = names('p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre');

/** Start tags that close an open <p>, as the HTML parser does, so a hidden <p> cannot swallow the next one. */
export const CLOSES_P = new Set(
  [...BLOCK].filter((name) => name !== 'caption' && name !== 'tbody' && name !== 'tr'),
);

/** An implied close never reaches past these. */
export const SCOPE_BOUNDARY = names('table td th caption button html object template');

/** What a head may contain; anything else means the body has started, even without <body>. */
export const HEAD_CONTENT = names('meta link title style script base noscript template');

/** Where implied closes of list items, cells and rows stop. */
export const LIST_BOUNDARY = new Set([...SCOPE_BOUNDARY, 'ul', 'ol']);
export const DEFINITION_ITEMS = names('dt dd');
export const DEFINITION_BOUNDARY = new Set([...SCOPE_BOUNDARY, 'dl']);
export const CELLS = names('td th');
export const ROW_BOUNDARY = names('table tr');
export const TABLE_SECTION_BOUNDARY = names('table tbody thead tfoot');
export const NO_BOUNDARY = new Set<string>();

const TABLE_PARTS = names('td th tr tbody thead tfoot caption');
const TABLE_ONLY = names('table');

/** How far an end tag may reach up the stack, as in the HTML parser's "has an element in scope". */
export function endBoundary(name: string): Set<string> {
  if (name === 'table') return NO_BOUNDARY;
  if (TABLE_PARTS.has(name)) return TABLE_ONLY;
  return SCOPE_BOUNDARY;
}
