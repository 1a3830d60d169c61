/**
 * When CSS hides text from a reader. One rule set for both readers of mail: the HTML-string path
 * (API, CLI) feeds it the cascaded declarations it works out itself, the Gmail content script feeds
 * it `getComputedStyle`. Keep this module free of parsers: it ships in the content script.
 */
import { contrastRatio, INVISIBLE_CONTRAST, parseColor, type Rgba } from './css-color';

/** Gmail shows a mail on white unless the mail paints its own background. */
export const DEFAULT_BACKGROUND: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const DEFAULT_COLOR: Rgba = { r: 0, g: 0, b: 0, a: 1 };

/** A property's value as declared or computed, lower case, or undefined when unset. */
export type StyleLookup = (property: string) => string | undefined;

interface Length {
  value: number;
  unit: string;
}

function parseLength(raw: string | undefined): Length | null {
  if (raw === undefined) return null;
  const match = /^(-?\d*\.?\d+)([a-z%]*)$/.exec(raw.trim());
  if (!match?.[1]) return null;
  return { value: Number.parseFloat(match[1]), unit: match[2] ?? '' };
}

function isZero(raw: string | undefined): boolean {
  const length = parseLength(raw);
  return length !== null && length.value <= 0;
}

/** 1px text is as unreadable as 0px; attackers use both. */
function isTinyFont(raw: string | undefined): boolean {
  const length = parseLength(raw);
  if (!length) return false;
  switch (length.unit) {
    case '':
    case 'px':
    case 'pt':
      return length.value <= 1;
    case 'em':
    case 'rem':
      return length.value <= 0.1;
    case '%':
      return length.value <= 10;
    default:
      return length.value <= 0;
  }
}

function isFarOffscreen(raw: string | undefined): boolean {
  const length = parseLength(raw);
  return length !== null && length.value <= -1000;
}

const CLIPS = /hidden|clip/;
const SIZES = ['width', 'height', 'max-width', 'max-height'];

/** Why an element's style hides its whole subtree from a reader, or null when it does not. */
export function hiddenReason(style: StyleLookup): string | null {
  if (style('display') === 'none') return 'display:none';
  const visibility = style('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'visibility:hidden';
  if (isTinyFont(style('font-size'))) return 'font-size:0';
  const opacity = style('opacity');
  if (opacity !== undefined && opacity !== '' && Number.parseFloat(opacity) <= 0.05) return 'opacity:0';
  const clipped =
    CLIPS.test(style('overflow') ?? '') ||
    CLIPS.test(style('overflow-x') ?? '') ||
    CLIPS.test(style('overflow-y') ?? '');
  if (clipped && SIZES.some((property) => isZero(style(property)))) return 'zero-size';
  const position = style('position');
  if (
    (position === 'absolute' || position === 'fixed') &&
    (isFarOffscreen(style('left')) || isFarOffscreen(style('top')))
  ) {
    return 'off-screen';
  }
  if (isFarOffscreen(style('text-indent'))) return 'off-screen';
  return null;
}

/**
 * The background an element paints for its children: its own, if set and opaque enough, else the
 * inherited one. `raw` may be a `background` shorthand: the colour is any one of its words.
 */
export function paintedBackground(raw: string | undefined, inherited: Rgba): Rgba {
  if (raw === undefined) return inherited;
  for (const word of raw.split(/\s+(?![^(]*\))/)) {
    const color = parseColor(word);
    if (color && color.a >= 0.5) return color;
  }
  return inherited;
}

/**
 * Checked per text run rather than per element: a dark box with inherited dark text holds no text of
 * its own, yet its light-coloured children are perfectly readable.
 */
export function colorHidesText(color: Rgba, background: Rgba): boolean {
  return color.a <= 0.05 || contrastRatio(color, background) < INVISIBLE_CONTRAST;
}
