import { CHARS_PER_TOKEN, capToBudget } from './budget';
import { htmlToText } from './html-to-text';
import { detectInjection } from './injection';
import { DIRECTION_CONTROLS, type InvisibleFlag, stripInvisible } from './invisible';
import { type RedactionMap, Redactor } from './redact';

export { capToBudget, cutMarker } from './budget';
export { htmlToText } from './html-to-text';
export { detectInjection } from './injection';
export { DIRECTION_CONTROLS, type InvisibleFlag, invisibleKinds, stripInvisible } from './invisible';
export { LINK_REMOVED, sanitizeModelText } from './output';
export { type RedactionKind, type RedactionMap, Redactor, redact, unredact } from './redact';

export type UntrustedFlag = InvisibleFlag | 'hidden-text' | 'truncated';

export interface PrepareInput {
  subject: string;
  from: string;
  body: string;
  bodyIsHtml?: boolean;
  /** Addresses in the conversation (sender, recipients, the user): they stay readable. */
  participants: string[];
  /** Budget for the body, in tokens. */
  maxTokens: number;
  /**
   * Shared across the mails of one prompt so `[EMAIL_1]` means the same person in all of them;
   * its own allow-list then applies instead of `participants`.
   */
  redactor?: Redactor;
}

export interface PreparedMail {
  subject: string;
  /** Sender as shown, without direction controls or invisible characters. */
  from: string;
  body: string;
  redactions: RedactionMap;
  flags: UntrustedFlag[];
  suspicious: boolean;
  reasons: string[];
}

/**
 * Parsing a 25 MB body only to keep its first few kilobytes is wasted work (and a denial of service),
 * so the raw input is cut first, with room for markup that will not survive as text.
 */
const RAW_OVERSHOOT = 8;
const RAW_MINIMUM = 64 * 1024;

/**
 * Everything that stands between a mail and a model: what the reader cannot see is dropped, what
 * hides in Unicode is stripped, personal data is replaced by placeholders, the size is capped, and
 * text that talks to an AI is flagged. Hidden and smuggled text is checked for injection too: it is
 * the strongest sign of an attack even though it never reaches the model.
 */
export function prepareForModel(input: PrepareInput): PreparedMail {
  const flags = new Set<UntrustedFlag>();
  const rawLimit = Math.max(RAW_MINIMUM, input.maxTokens * CHARS_PER_TOKEN * RAW_OVERSHOOT);
  const rawCut = Math.max(0, input.body.length - rawLimit);
  const raw = rawCut > 0 ? input.body.slice(0, rawLimit) : input.body;

  let body = raw;
  let hiddenText = '';
  if (input.bodyIsHtml) {
    const html = htmlToText(raw);
    body = html.text;
    hiddenText = html.hiddenText;
    if (html.hiddenDropped > 0) flags.add('hidden-text');
  }

  const smuggled: string[] = [];
  const clean = (text: string) => {
    const result = stripInvisible(text);
    for (const flag of result.flags) flags.add(flag);
    if (result.smuggled) smuggled.push(result.smuggled);
    return result.text;
  };
  const subject = clean(input.subject).replace(/\s+/g, ' ').trim();
  const from = clean(input.from).replace(/\s+/g, ' ').trim();
  body = clean(body);

  const verdicts = [subject, from, body, hiddenText, ...smuggled].map(detectInjection);
  const reasons = [...new Set(verdicts.flatMap((verdict) => verdict.reasons))];
  if (flags.has('tag-chars') && smuggled.length > 0) reasons.push('smuggled-text');
  if (DIRECTION_CONTROLS.test(input.from) || DIRECTION_CONTROLS.test(input.subject))
    reasons.push('direction-override');

  // Redact before cutting: a cut through a card number would leave a fragment no pattern matches.
  const redactor = input.redactor ?? new Redactor({ allowEmails: input.participants });
  const capped = capToBudget(redactor.redact(body), input.maxTokens, rawCut);
  if (capped.cut > 0) flags.add('truncated');

  return {
    subject: redactor.redact(subject),
    from: redactor.redact(from),
    body: capped.text,
    redactions: { ...redactor.map },
    flags: [...flags],
    suspicious: reasons.length > 0,
    reasons,
  };
}
