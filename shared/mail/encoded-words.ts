import { binaryToBytes, decodeBinaryText, decodeCharset } from './bytes';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding';

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;
const BETWEEN_WORDS = /(=\?[^?\s]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g;

/**
 * Decodes RFC 2047 encoded words in a header value. Raw 8-bit header bytes (RFC 6532 or plain
 * misbehaviour) are read as UTF-8 with a latin1 fallback.
 */
export function decodeHeaderValue(value: string): string {
  const raw = decodeBinaryText(value, 'utf-8');
  if (!raw.includes('=?')) return raw;
  // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
  return raw
    .replace(BETWEEN_WORDS, '$1')
    .replace(ENCODED_WORD, (_match, charset: string, enc: string, data) => {
      // RFC 2231 language suffix: charset*lang.
      const cs = charset.split('*')[0];
      const bytes =
        enc === 'b' || enc === 'B' ? decodeBase64(data) : binaryToBytes(decodeQuotedPrintable(data, true));
      return decodeCharset(bytes, cs);
    });
}
