/**
 * Raw mail is handled as a "binary string" (one char per byte) until a part's charset is known,
 * so 8-bit parts in different charsets can each be decoded correctly. No Node Buffer: this runs in
 * Workers and the browser too.
 */
import { decodeBase64 } from './transfer-encoding';

const CHUNK = 8192;

/** WHATWG "latin1" is windows-1252: identical to a byte-per-char mapping except in 0x80–0x9F. */
const cp1252 = new TextDecoder('windows-1252');

export function bytesToBinary(bytes: Uint8Array): string {
  // Native decoding is several times faster; it is exact whenever no byte fell in 0x80–0x9F.
  const fast = cp1252.decode(bytes);
  if (isBinaryString(fast)) return fast;
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

export function binaryToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** True when every char fits a byte, i.e. the string can still be re-decoded with a charset. */
export function isBinaryString(text: string): boolean {
  // A regex scan is much faster than a charCodeAt loop on long bodies.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point: any char above one byte.
  return !/[^\u0000-\u00ff]/.test(text);
}

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(charset: string): TextDecoder | null {
  const key = charset
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  let decoder = decoders.get(key);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(key || 'utf-8');
    } catch {
      // Unknown labels (x-user-defined variants, typos such as "utf8-mb4") fall back to latin1.
      decoder = null;
    }
    decoders.set(key, decoder);
  }
  return decoder;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-7 (RFC 2152): `+` opens modified base64 of UTF-16BE, `-` or any non-base64 char closes it,
 * `+-` is a literal plus. No TextDecoder knows it, and old Outlook and spam still send it.
 */
function decodeUtf7(bytes: Uint8Array): string {
  return bytesToBinary(bytes).replace(/\+([A-Za-z0-9+/]*)-?/g, (match, run: string) => {
    if (run === '') return match === '+-' ? '+' : match;
    const units = decodeBase64(run);
    let out = '';
    for (let i = 0; i + 1 < units.length; i += 2) {
      out += String.fromCharCode(((units[i] ?? 0) << 8) | (units[i + 1] ?? 0));
    }
    return out;
  });
}

/** Charsets whose text is all 7-bit bytes, so "no byte above 0x7F" does not mean "already decoded". */
const SEVEN_BIT_CHARSET = /^(?:iso-2022-|csiso2022|utf-7$|unicode-1-1-utf-7$|hz-gb-2312$)/;

/** ISO-2022-JP's escape into JIS X 0208 (`ESC $ B`, `ESC $ @`), seen undeclared in Japanese mail. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what marks the charset switch.
const ISO_2022_JP_ESCAPE = /\x1b\$[@B]/;

/** Decodes bytes in the named charset; unknown charsets and undecodable UTF-8 fall back to latin1. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
  if (label === 'utf-7' || label === 'unicode-1-1-utf-7') return decodeUtf7(bytes);
  if (label === '' || label === 'us-ascii' || label === 'utf-8' || label === 'utf8') {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // Declared (or assumed) UTF-8 that is not: the common real-world lie is windows-1252.
      return decoderFor('windows-1252')?.decode(bytes) ?? bytesToBinary(bytes);
    }
  }
  const decoder = decoderFor(label);
  return decoder ? decoder.decode(bytes) : bytesToBinary(bytes);
}

/** Decodes a binary string in a charset; a string that already holds wide chars is returned as is. */
export function decodeBinaryText(text: string, charset: string | undefined): string {
  if (!/[\x80-\xff]/.test(text)) {
    const label = (charset ?? '').trim().toLowerCase();
    if (SEVEN_BIT_CHARSET.test(label)) return decodeCharset(binaryToBytes(text), label);
    // Undeclared (or declared us-ascii/utf-8) ISO-2022-JP: the escape sequence names the charset.
    if (text.includes('\x1b') && ISO_2022_JP_ESCAPE.test(text)) {
      return decodeCharset(binaryToBytes(text), 'iso-2022-jp');
    }
    return text;
  }
  if (!isBinaryString(text)) return text;
  return decodeCharset(binaryToBytes(text), charset);
}
