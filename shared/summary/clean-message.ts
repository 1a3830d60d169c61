/**
 * A message's own words: quoted history, forwarded originals, signatures and greetings removed.
 * Replies repeat everything before them; summarising the quotes would count each sentence many times.
 */

/** Longer texts are cut before any scan: a 25 MB body costs one slice, not seconds of regex. */
export const MAX_MESSAGE_CHARS = 20_000;

export interface CleanedMessage {
  /** Paragraphs of the message's own text, each already joined into one line. */
  paragraphs: string[];
  /** True when the text was longer than MAX_MESSAGE_CHARS. */
  cut: boolean;
}

/** "On Tue, Mar 3, 2026 at 9:00 AM Ann Lee <ann@x> wrote:" (Gmail wraps it over two lines at times). */
const ATTRIBUTION = /^on\b.{0,200}\bwrote:\s*$/i;
const ATTRIBUTION_START = /^on\b.{0,200}$/i;
const ATTRIBUTION_END = /^.{0,200}\bwrote:\s*$/i;
const FORWARD_OR_ORIGINAL =
  /^(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}|_{10,}|begin forwarded message:)\s*$/i;
/** Outlook's quoted header block starts with "From:" followed by "Sent:" on a later line. */
const OUTLOOK_FROM = /^from:\s.+$/i;
const OUTLOOK_SENT = /^(?:sent|date):\s.+$/i;
const SIGNATURE_DASHES = /^--\s?$/;
const SENT_FROM_DEVICE = /^sent from my\b/i;
const SIGN_OFF =
  /^(?:thanks|thank you|many thanks|thanks again|thx|cheers|best|best regards|kind regards|warm regards|regards|sincerely|all the best|talk soon|br)\b[^.?!]{0,20}[,.!]?\s*$/i;
const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^.?!]{0,40}[,:!]?\s*$/i;
const BULLET = /^(?:[-*•]|\d{1,2}[.)])\s+/;

/** Where the message's own text ends: the first line that starts quoted history or a signature. */
function ownLines(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    if (ATTRIBUTION.test(line)) return lines.slice(0, i);
    if (ATTRIBUTION_START.test(line) && !line.endsWith('.') && ATTRIBUTION_END.test(next)) {
      return lines.slice(0, i);
    }
    if (FORWARD_OR_ORIGINAL.test(line) || SIGNATURE_DASHES.test(line) || SENT_FROM_DEVICE.test(line)) {
      return lines.slice(0, i);
    }
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l.trim()))) {
      return lines.slice(0, i);
    }
    // A sign-off is the end of the writing; what follows is a name and a signature block.
    if (i > 0 && SIGN_OFF.test(line)) return lines.slice(0, i);
  }
  return lines;
}

export function cleanMessage(text: string): CleanedMessage {
  const cut = text.length > MAX_MESSAGE_CHARS;
  const head = cut ? text.slice(0, MAX_MESSAGE_CHARS) : text;
  const lines = ownLines(head.replace(/\r\n?/g, '\n').split('\n')).filter(
    (line) => !line.trimStart().startsWith('>'),
  );
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(' ').replace(/\s+/g, ' ').trim());
    current = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (paragraphs.length === 0 && current.length === 0 && GREETING.test(line)) continue;
    // List items are separate thoughts even without blank lines between them.
    if (BULLET.test(line)) {
      flush();
      current.push(line.replace(BULLET, ''));
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return { paragraphs: paragraphs.filter((p) => p.length > 0), cut };
}
