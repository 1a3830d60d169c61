/**
 * Raw mail is handled as a "binary string" (one char per byte) until a part's charset is known,
 * so 8-bit parts in different charsets can each be decoded correctly. No Node Buffer: this runs in
 * Workers and the browser too.
 */

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

/** Decodes bytes in the named charset; unknown charsets and undecodable UTF-8 fall back to latin1. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
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
  if (!/[\x80-\xff]/.test(text)) return text;
  if (!isBinaryString(text)) return text;
  return decodeCharset(binaryToBytes(text), charset);
}
