/** Just enough CSS colour parsing to tell when text has been painted in its background's colour. */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const NAMED: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  whitesmoke: '#f5f5f5',
  snow: '#fffafa',
  ivory: '#fffff0',
  ghostwhite: '#f8f8ff',
  floralwhite: '#fffaf0',
  azure: '#f0ffff',
  mintcream: '#f5fffa',
  aliceblue: '#f0f8ff',
  seashell: '#fff5ee',
  linen: '#faf0e6',
  navy: '#000080',
  orange: '#ffa500',
  purple: '#800080',
  maroon: '#800000',
  teal: '#008080',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  darkgray: '#a9a9a9',
  darkgrey: '#a9a9a9',
};

function hex(value: string): Rgba | null {
  const digits = value.slice(1);
  if (!/^[0-9a-f]+$/i.test(digits)) return null;
  const expand = digits.length <= 4 ? [...digits].map((d) => d + d).join('') : digits;
  if (expand.length !== 6 && expand.length !== 8) return null;
  const part = (i: number) => Number.parseInt(expand.slice(i, i + 2), 16);
  return { r: part(0), g: part(2), b: part(4), a: expand.length === 8 ? part(6) / 255 : 1 };
}

function channel(token: string, scale: number): number {
  return token.endsWith('%') ? (Number.parseFloat(token) / 100) * scale : Number.parseFloat(token);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

export function parseColor(raw: string): Rgba | null {
  const value = raw.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const named = NAMED[value];
  if (named) return hex(named);
  if (value.startsWith('#')) return hex(value);
  const fn = /^(rgba?|hsla?)\(([^)]*)\)$/.exec(value);
  if (!fn?.[1] || fn[2] === undefined) return null;
  const parts = fn[2].split(/[\s,/]+/).filter((p) => p.length > 0);
  const [p0, p1, p2, p3] = parts;
  if (p0 === undefined || p1 === undefined || p2 === undefined) return null;
  const alpha = p3 === undefined ? 1 : channel(p3, 1);
  if (fn[1].startsWith('rgb')) {
    return { r: channel(p0, 255), g: channel(p1, 255), b: channel(p2, 255), a: alpha };
  }
  const [r, g, b] = hslToRgb(Number.parseFloat(p0), channel(p1, 1), channel(p2, 1));
  return { r, g, b, a: alpha };
}

function linear(c: number): number {
  const s = Math.min(255, Math.max(0, c)) / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function luminance({ r, g, b }: Rgba): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio, 1 (identical) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Below this ratio text is unreadable against its background: #f4f4f4 on white is about 1.09. */
export const INVISIBLE_CONTRAST = 1.1;
