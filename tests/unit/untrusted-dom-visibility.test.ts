// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tidyBodyText, visibleTextOf } from '../../extension/sites/gmail/read-thread';
import { htmlToText } from '../../shared/untrusted/html-to-text';

function readDom(html: string): { text: string; hidden: boolean } {
  document.body.innerHTML = `<div id="body">${html}</div>`;
  const body = document.getElementById('body');
  if (!body) throw new Error('fixture missing');
  const read = visibleTextOf(body);
  return { text: tidyBodyText(read.text), hidden: read.hidden };
}

/** The same mail through both readers: the Gmail page's rendered DOM and the HTML-string path. */
const CASES: Array<[string, string]> = [
  ['white text on a dark box stays readable', '<div style="background:#202124;color:#fff">dark mode</div>'],
  ['a 1px font is hidden', '<span style="font-size:1px">tiny</span>shown'],
  ['near-background named colour is hidden', '<span style="color:lavenderblush">pale</span>shown'],
  ['important wins in the cascade', '<span style="display:none !important; display:inline">x</span>shown'],
  ['opacity at 0.05 is hidden', '<span style="opacity:0.05">faint</span>shown'],
  ['a clipped zero-height box is hidden', '<div style="max-height:0;overflow:hidden">pre</div>shown'],
];

describe('one rule set for the DOM and the HTML string', () => {
  it.each(CASES)('%s', (_name, html) => {
    const dom = readDom(html);
    const string = htmlToText(html);
    expect(dom.text).toBe(string.text);
    expect(dom.hidden).toBe(string.hiddenDropped > 0);
  });

  it('judges colour per text run: readable text inside a box whose own ink is invisible is kept', () => {
    const html = '<div style="color:#fff">white <b style="color:#111">dark child</b></div>';
    expect(readDom(html)).toEqual({ text: 'dark child', hidden: true });
    expect(htmlToText(html).text).toBe('dark child');
  });
});
