/** What text extraction needs to know about elements; the tree itself comes from the HTML parser. */

function names(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** Content that is never shown, so it is neither text nor "hidden text". */
export const DROPPED = names('script style head template title iframe noembed noframes object');

export const BLOCK = names(
  'address article aside blockquote caption center dd div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul',
);

/** Blocks separated by a blank line rather than a line break. */
export const PARAGRAPH_ELEMENTS = names('p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre');
