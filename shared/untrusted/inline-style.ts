import { contrastRatio, INVISIBLE_CONTRAST, parseColor, type Rgba } from './css-color';

/** Gmail shows a mail on white unless the mail paints its own background. */
export const DEFAULT_BACKGROUND: Rgba = { r: 255, g: 255, b: 255, a: 1 };
export const DEFAULT_COLOR: Rgba = { r: 0, g: 0, b: 0, a: 1 };

export function parseStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  // Comments inside style attributes are a known way to split a property past naive filters.
  for (const part of style.replace(/\/\*[\s\S]*?\*\//g, '').split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (name && value) declarations.set(name, value);
  }
  return declarations;
}

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

/** Background an element paints for its children: its own, if set and opaque enough, else the inherited one. */
export function backgroundFor(
  style: Map<string, string>,
  bgcolorAttr: string | undefined,
  inherited: Rgba,
): Rgba {
  const raw = style.get('background-color') ?? style.get('background') ?? bgcolorAttr;
  if (raw === undefined) return inherited;
  // `background` is a shorthand: the colour may be any one of its words.
  for (const word of raw.split(/\s+(?![^(]*\))/)) {
    const color = parseColor(word);
    if (color && color.a >= 0.5) return color;
  }
  return inherited;
}

/** Text colour an element uses: its own (style or legacy `<font color>`), else the inherited one. */
export function colorFor(style: Map<string, string>, colorAttr: string | undefined, inherited: Rgba): Rgba {
  const raw = style.get('color') ?? colorAttr;
  return (raw === undefined ? null : parseColor(raw)) ?? inherited;
}

/** Why an element's inline style hides its whole subtree from a reader, or null when it does not. */
export function hiddenReason(style: Map<string, string>): string | null {
  if (style.get('display') === 'none') return 'display:none';
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return 'visibility:hidden';
  if (isTinyFont(style.get('font-size'))) return 'font-size:0';
  const opacity = style.get('opacity');
  if (opacity !== undefined && Number.parseFloat(opacity) <= 0.05) return 'opacity:0';
  const overflowHidden = /hidden|clip/.test(style.get('overflow') ?? '');
  if (
    overflowHidden &&
    ['width', 'height', 'max-width', 'max-height'].some((property) => isZero(style.get(property)))
  ) {
    return 'zero-size';
  }
  const position = style.get('position');
  if (
    (position === 'absolute' || position === 'fixed') &&
    (isFarOffscreen(style.get('left')) || isFarOffscreen(style.get('top')))
  ) {
    return 'off-screen';
  }
  if (isFarOffscreen(style.get('text-indent'))) return 'off-screen';
  return null;
}

/**
 * Checked per text run rather than per element: a dark box with inherited dark text holds no text of
 * its own, yet its light-coloured children are perfectly readable.
 */
export function colorHidesText(color: Rgba, background: Rgba): boolean {
  return color.a <= 0.05 || contrastRatio(color, background) < INVISIBLE_CONTRAST;
}
