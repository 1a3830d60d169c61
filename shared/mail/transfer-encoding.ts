const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;
// URL-safe alphabet shows up in the wild too.
B64_VALUE['-'.charCodeAt(0)] = 62;
B64_VALUE['_'.charCodeAt(0)] = 63;

/**
 * Tolerant base64: skips anything outside the alphabet (line breaks, stray garbage), stops at
 * padding, and keeps whatever whole bytes a truncated tail still holds.
 */
export function decodeBase64(text: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const cap = Math.min(Math.floor((text.length * 3) / 4) + 3, maxBytes);
  const out = new Uint8Array(Number.isFinite(cap) ? cap : 0);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < text.length && n < out.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) {
      // Padding ends a base64 run; a second run after it (concatenated parts) starts fresh.
      acc = 0;
      bits = 0;
      continue;
    }
    const v = code < 256 ? (B64_VALUE[code] ?? -1) : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Quoted-printable into a binary string (one char per byte); malformed escapes pass through. */
export function decodeQuotedPrintable(text: string, underscoreIsSpace = false): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) {
      out += text.slice(start, i);
      const a = text.charCodeAt(i + 1);
      if (a === 13 || a === 10) {
        // Soft line break.
        i += a === 13 && text.charCodeAt(i + 2) === 10 ? 2 : 1;
      } else {
        const hi = hexValue(a);
        const lo = hexValue(text.charCodeAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          out += String.fromCharCode(hi * 16 + lo);
          i += 2;
        } else {
          out += '=';
        }
      }
      start = i + 1;
    } else if (underscoreIsSpace && c === 95 /* _ */) {
      out += `${text.slice(start, i)} `;
      start = i + 1;
    }
  }
  return out + text.slice(start);
}
