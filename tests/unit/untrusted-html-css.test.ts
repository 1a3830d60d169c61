import { describe, expect, it } from 'vitest';
import { parseColor } from '../../shared/untrusted/css-color';
import { cascade, parseDeclarations } from '../../shared/untrusted/css-declarations';
import { hiddenReason } from '../../shared/untrusted/css-visibility';
import { htmlToText } from '../../shared/untrusted/html-to-text';

describe('the tree is the one a browser builds', () => {
  it('keeps text a quirks-mode <table> leaves inside a hidden <p> hidden', () => {
    // Without a doctype the page is in quirks mode, where <table> does not close an open <p>.
    const quirks = htmlToText('<p style=display:none>x<table><tr><td>SECRET</td></tr></table><p>after');
    expect(quirks.text).toBe('after');
    expect(quirks.hiddenText).toContain('SECRET');
    expect(quirks.hiddenDropped).toBe(1);
    // Bare text in a table is moved in front of it, which is still inside the hidden paragraph.
    expect(htmlToText('<p style=display:none>x<table>SECRET').text).toBe('');
    // In standards mode the same <table> closes the paragraph, and its cell is shown.
    const standards = htmlToText(
      '<!DOCTYPE html><p style=display:none>x<table><tr><td>SHOWN</td></tr></table>',
    );
    expect(standards.text).toBe('SHOWN');
  });

  it('resets the text colour at a table in quirks mode, as browsers do, and inherits it otherwise', () => {
    const table = '<font color="#ffffff"><table><tr><td>cell text</td></tr></table></font>';
    expect(htmlToText(table).text).toBe('cell text');
    expect(htmlToText(`<!DOCTYPE html>${table}`).hiddenText).toBe('cell text');
  });

  it('decodes every named entity, and numeric references as the standard maps them', () => {
    expect(htmlToText('pay&ZeroWidthSpace;pal').text).toBe('pay\u200Bpal');
    expect(htmlToText('2019&#150;2020 &#128;5 &#x92;').text).toBe('2019\u20132020 \u20AC5 \u2019');
    expect(htmlToText('&NotEqualTilde; &bigstar; &copy 2020').text).toBe('\u2242\u0338 \u2605 \u00A9 2020');
    expect(htmlToText('&#0; &#xD800; &#x110000;').text).toBe('\uFFFD \uFFFD \uFFFD');
    expect(htmlToText('&madeup; &amp;lt;').text).toBe('&madeup; &lt;');
  });

  it('counts a hidden element whose text sits in its children', () => {
    const result = htmlToText('<div style="display:none"><p>secret <b>words</b></p></div><p>ok</p>');
    expect(result).toEqual({ text: 'ok', hiddenDropped: 1, hiddenText: 'secret words' });
  });

  it('shows <noscript> content, as a mail client that runs no scripts does', () => {
    expect(htmlToText('<noscript><p>Turn on images</p></noscript>').text).toBe('Turn on images');
  });
});

describe('!important decides, as in the cascade', () => {
  it('lets an important declaration beat a later plain one in the same style attribute', () => {
    const result = htmlToText('<span style="display:none !important; display:block">SECRET</span>shown');
    expect(result.text).toBe('shown');
    expect(result.hiddenText).toBe('SECRET');
    expect(htmlToText('<span style="display:none; display:inline">later wins</span>').text).toBe(
      'later wins',
    );
  });

  it('orders stylesheet rules, inline style and importance as a browser does', () => {
    const sheet =
      '<style>.a{display:none} .b{display:none !important} #c{display:block} p{display:none}</style>';
    const result = htmlToText(
      `${sheet}<div class="a" style="display:block">inline beats rule</div>` +
        '<div class="b" style="display:block">important rule beats inline</div>' +
        '<p id="c">id beats type</p><p class="a" style="display:block !important">important inline</p>',
    );
    expect(result.text).toBe('inline beats rule\n\nid beats type\n\nimportant inline');
    expect(result.hiddenText).toBe('important rule beats inline');
  });

  it('keeps the rules in one pure function of the declared values', () => {
    const style = cascade(
      [parseDeclarations('visibility:hidden !important')],
      parseDeclarations('visibility:visible'),
    );
    expect(hiddenReason((property) => style.get(property))).toBe('visibility:hidden');
    const shown = cascade([parseDeclarations('visibility:hidden')], parseDeclarations('visibility:visible'));
    expect(hiddenReason((property) => shown.get(property))).toBeNull();
  });
});

describe('every CSS colour name', () => {
  it('knows the full named-colour table', () => {
    expect(parseColor('lavenderblush')).toEqual({ r: 255, g: 240, b: 245, a: 1 });
    expect(parseColor('RebeccaPurple')).toEqual({ r: 102, g: 51, b: 153, a: 1 });
    expect(parseColor('constructor')).toBeNull();
  });

  it('treats near-white named colours on white, and same-colour names, as hidden', () => {
    const result = htmlToText(
      '<p style="color:lavenderblush">pale secret</p>' +
        '<div style="background:darkslategray"><span style="color:darkslategray">dark secret</span></div>' +
        '<div style="background:darkslategray;color:ivory">readable</div><p style="color:silver">footer</p>',
    );
    expect(result.text).toBe('readable\n\nfooter');
    expect(result.hiddenText).toBe('pale secret dark secret');
    expect(result.hiddenDropped).toBe(2);
  });
});

describe('legacy colour attributes', () => {
  it('reads bgcolor and <font color> by the HTML standard, not as CSS', () => {
    const result = htmlToText(
      '<table bgcolor="663399"><tr><td><font color="#FFFF00">yellow on purple</font></td></tr></table>' +
        '<font color="#ffffff"">white on white</font>',
    );
    expect(result.text).toBe('yellow on purple');
    expect(result.hiddenText).toBe('white on white');
  });

  it('takes the text colour of a whole mail from <body text>', () => {
    const result = htmlToText('<body bgcolor="#000000" text="#339999"><p>teal on black</p></body>');
    expect(result).toEqual({ text: 'teal on black', hiddenDropped: 0, hiddenText: '' });
  });

  it('lets CSS outrank the presentational attributes', () => {
    const result = htmlToText('<font color="#ffffff" style="color:#222">styled dark</font>');
    expect(result.text).toBe('styled dark');
  });
});

describe('<style> selectors', () => {
  it('honours descendant, child and compound selectors', () => {
    const result = htmlToText(
      '<style>.w .h{display:none} .c > .k{font-size:0} div.m#n[data-x="1"]{visibility:hidden}</style>' +
        '<div class="w"><table><tr><td><span class="h">deep</span></td></tr></table></div>' +
        '<div class="c"><span class="k">child</span><b><span class="k">grandchild</span></b></div>' +
        '<div class="m" id="n" data-x="1">compound</div><div class="m" id="n">no attribute</div>' +
        '<span class="h">outside .w</span>',
    );
    expect(result.text).toBe('grandchild\nno attribute\noutside .w');
    expect(result.hiddenText).toBe('deep child compound');
    expect(result.hiddenDropped).toBe(3);
  });

  it('applies a stylesheet that comes after the element, as every <style> covers the whole mail', () => {
    expect(htmlToText('<div class="late">hidden later</div><style>.late{display:none}</style>ok').text).toBe(
      'ok',
    );
  });

  it('skips what it does not evaluate: pseudo-classes, sibling combinators and @media', () => {
    const result = htmlToText(
      '<style>@charset "utf-8"; .a:hover{display:none} .x + .b{display:none}' +
        '@media (max-width:600px){ .c{display:none} @supports (display:grid){ .c{display:none} } }' +
        '@supports (display:grid){ .d{display:none} } .e{display:none}</style>' +
        '<p class="a">hover</p><p class="x">x</p><p class="b">sibling</p><p class="c">media</p>' +
        '<p class="d">supported</p><p class="e">plain</p>',
    );
    expect(result.text).toBe('hover\n\nx\n\nsibling\n\nmedia');
    expect(result.hiddenText).toBe('supported plain');
  });

  it('paints text with stylesheet colours, so white text on a dark class is readable', () => {
    const result = htmlToText(
      '<style>.button{background-color:#1a73e8} .ink{color:#ffffff}</style>' +
        '<table><tr><td class="button"><a class="ink">Confirm</a></td></tr></table><p class="ink">white on white</p>',
    );
    expect(result.text).toBe('Confirm');
    expect(result.hiddenText).toBe('white on white');
  });

  it('stays bounded on selectors built to make matching backtrack', () => {
    const deep = `${'<div class="a">'.repeat(2_000)}x`;
    const rules = `<style>${'.a .a .a .a .a .a .a > .b{display:none}'.repeat(50)}</style>`;
    expect(htmlToText(rules + deep).text).toBe('x');
  });
});
