/** Rough size of a token for English mail; good enough to keep a prompt inside its budget. */
export const CHARS_PER_TOKEN = 4;

export interface BudgetResult {
  text: string;
  /** Characters removed; 0 when the text fitted. */
  cut: number;
}

/** How far back from the limit we look for a space before cutting mid-word. */
const WORD_SEARCH = 200;

export function cutMarker(remaining: number): string {
  return `[… cut: ${remaining} more characters]`;
}

/**
 * Caps text to about `maxTokens` tokens. The cut is marked visibly so neither the model nor a reader
 * mistakes a truncated mail for a complete one. Runs in constant time in the input size: a 25 MB body
 * costs one slice.
 */
export function capToBudget(text: string, maxTokens: number, alreadyCut = 0): BudgetResult {
  const maxChars = Math.max(0, Math.floor(maxTokens * CHARS_PER_TOKEN));
  if (text.length <= maxChars) {
    if (alreadyCut <= 0) return { text, cut: 0 };
    return { text: `${text}\n${cutMarker(alreadyCut)}`, cut: alreadyCut };
  }
  let end = maxChars;
  const window = text.slice(Math.max(0, maxChars - WORD_SEARCH), maxChars + 1);
  const lastSpace = window.search(/\s\S*$/);
  if (lastSpace > 0) end = Math.max(0, maxChars - WORD_SEARCH) + lastSpace;
  // Never leave half of a surrogate pair behind.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const kept = text.slice(0, end).trimEnd();
  const cut = text.length - kept.length + alreadyCut;
  return { text: `${kept}\n${cutMarker(cut)}`, cut };
}
