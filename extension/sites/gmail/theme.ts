/**
 * Gmail's theme is independent of the OS colour scheme (and can be a photo), so the badge palette
 * follows the actual background behind the thread list, falling back to prefers-color-scheme.
 */
import { GMAIL, queryFirst } from './selectors';

function parseRgb(colour: string): { r: number; g: number; b: number; a: number } | null {
  const match = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(colour);
  if (!match) return null;
  const alphaText = match[4];
  const alpha =
    alphaText === undefined
      ? 1
      : alphaText.endsWith('%')
        ? Number.parseFloat(alphaText) / 100
        : Number(alphaText);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

/** Relative luminance (WCAG) of an sRGB colour given as 0–255 channels. */
export function luminance(r: number, g: number, b: number): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function detectGmailTheme(doc: Document = document): 'dark' | 'light' {
  let element: Element | null = queryFirst(doc, GMAIL.threadList) ?? doc.body;
  while (element) {
    const colour = parseRgb(getComputedStyle(element).backgroundColor);
    if (colour && colour.a > 0.5) return luminance(colour.r, colour.g, colour.b) < 0.2 ? 'dark' : 'light';
    element = element.parentElement;
  }
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
