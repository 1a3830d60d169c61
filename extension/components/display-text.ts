/**
 * Text from a mail (sender names, subjects, reasons that quote them) made safe to show: format
 * characters (bidi overrides, zero-width, Unicode tags, BOM) are dropped so they cannot reorder or
 * hide what the user reads, and control characters become spaces.
 */
const FORMAT_CHARS = /\p{Cf}/gu;
const CONTROL_CHARS = /\p{Cc}+/gu;

export function displayText(text: string, maxChars = 200): string {
  const clean = text.replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1)}…` : clean;
}
