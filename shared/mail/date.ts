import { MONTH_INDEX } from '../vocabulary';

const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  bst: 60,
  cet: 60,
  cest: 120,
  ist: 60,
};

const RFC822 =
  /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?/i;

/** RFC 5322 dates (and the usual deviations) to ISO 8601; undefined when nothing sensible is there. */
export function parseMailDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = RFC822.exec(value);
  let ms: number;
  if (m) {
    const month = MONTH_INDEX[(m[2] ?? '').toLowerCase()];
    if (month === undefined) return fallback(value);
    let year = Number(m[3]);
    if (year < 50) year += 2000;
    else if (year < 1000) year += 1900;
    const zone = (m[7] ?? '').toLowerCase();
    let offset = 0;
    if (/^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
      // Broken offsets like "-1600" exist in real mail; clamp to what the earth has.
      if (Math.abs(offset) > 14 * 60) offset = 0;
    } else {
      offset = ZONES[zone] ?? 0;
    }
    ms = Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - offset * 60_000;
  } else {
    return fallback(value);
  }
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString();
}

function fallback(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
