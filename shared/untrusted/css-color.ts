/** Just enough CSS colour parsing to tell when text has been painted in its background's colour. */
import NAMED from 'color-name';

export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a: number;
}

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

function parseColorUncached(raw: string): Rgba | null {
  const value = raw.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  // Own-property check: `constructor` or `__proto__` in a mail's CSS must not reach the prototype.
  const named = Object.hasOwn(NAMED, value) ? NAMED[value] : undefined;
  if (named) return { r: named[0], g: named[1], b: named[2], a: 1 };
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

/**
 * Below this ratio text is unreadable against its background: on white, lavenderblush is 1.10 and
 * #f0f0f0 1.13, while the light grey newsletters print footers in (#cccccc) is 1.6.
 */
export const INVISIBLE_CONTRAST = 1.15;

/**
 * `bgcolor` and `<font color>` are read by the HTML standard's legacy colour rules, not CSS:
 * `bgcolor="663399"` (no `#`) and `color="#66FF66""` still paint, and old bulk mail relies on it.
 */
function parseLegacyColorUncached(raw: string): Rgba | null {
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'transparent') return null;
  const named = parseColor(value);
  if (named && !value.startsWith('#') && !/^(?:rgb|hsl)/i.test(value)) return named;
  if (/^#[0-9a-f]{3}$/i.test(value)) return hex(value);
  let digits = value
    .replace(/[\u{10000}-\u{10FFFF}]/gu, '00')
    .slice(0, 128)
    .replace(/^#/, '')
    .replace(/[^0-9a-f]/gi, '0');
  while (digits.length === 0 || digits.length % 3 !== 0) digits += '0';
  let size = digits.length / 3;
  let parts = [digits.slice(0, size), digits.slice(size, 2 * size), digits.slice(2 * size)];
  if (size > 8) {
    parts = parts.map((part) => part.slice(size - 8));
    size = 8;
  }
  while (size > 2 && parts.every((part) => part.startsWith('0'))) {
    parts = parts.map((part) => part.slice(1));
    size -= 1;
  }
  if (size > 2) parts = parts.map((part) => part.slice(0, 2));
  const [r, g, b] = parts.map((part) => Number.parseInt(part, 16));
  return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: 1 };
}

/**
 * Mail repeats a handful of colour spellings thousands of times. Caching also hands out one object
 * per spelling, so callers can tell "same colour as the parent" by identity.
 */
const MAX_CACHED = 2_000;
const cssCache = new Map<string, Rgba | null>();
const legacyCache = new Map<string, Rgba | null>();

function cached(
  cache: Map<string, Rgba | null>,
  raw: string,
  parse: (raw: string) => Rgba | null,
): Rgba | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const color = parse(raw);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(raw, color);
  return color;
}

export function parseColor(raw: string): Rgba | null {
  return cached(cssCache, raw, parseColorUncached);
}

export function parseLegacyColor(raw: string): Rgba | null {
  return cached(legacyCache, raw, parseLegacyColorUncached);
}
