import { entropyPerChar, ibanValid, luhnValid } from './checksums';

export type RedactionKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'NATIONAL_ID' | 'SECRET' | 'PASSWORD';

/** Placeholder → the original text it replaced. */
export type RedactionMap = Record<string, string>;

export interface RedactOptions {
  /** Addresses that stay readable: the conversation's own participants. Case-insensitive. */
  allowEmails?: readonly string[];
}

export interface Redacted {
  text: string;
  map: RedactionMap;
}

interface Pattern {
  kind: RedactionKind;
  regex: RegExp;
  /** Which capture group holds the sensitive value; the rest of the match is kept. */
  group?: number;
  /** Rejects look-alikes (failed checksum, a date); returns the value's identity for stable numbering. */
  accept?: (value: string) => string | null;
}

const PLACEHOLDER = /\[(EMAIL|PHONE|CARD|IBAN|NATIONAL_ID|SECRET|PASSWORD)_(\d+)\]/g;

const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;

// Order matters: secrets first (they contain digit runs), cards before phones (both are digit runs).
const PATTERNS: Pattern[] = [
  {
    kind: 'SECRET',
    regex:
      /\b(?:sk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/g,
  },
  {
    kind: 'PASSWORD',
    regex: /\b((?:password|passwort|passcode|passwd|pwd|pin)\s*(?:is\s*)?[:=]\s*)(\S+)/gi,
    group: 2,
  },
  {
    kind: 'SECRET',
    regex:
      /\b((?:api[ _-]?key|key|token|secret|password)\b["']?\s*(?:[:=]|is)\s*["']?)([A-Za-z0-9_\-./+=]{16,})/gi,
    group: 2,
    accept: (value) => (entropyPerChar(value) >= 3.5 ? value : null),
  },
  {
    kind: 'EMAIL',
    // Bounded and anchored to the start of a run: an unbounded `[…]+@` rescans every suffix of a long
    // run without '@', which made 64 KB of letters take seconds.
    regex:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g,
    accept: (value) => value.toLowerCase(),
  },
  {
    kind: 'IBAN',
    regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    accept: (value) => (ibanValid(value) ? value.replace(/\s+/g, '').toUpperCase() : null),
  },
  {
    kind: 'CARD',
    regex: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g,
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      return luhnValid(digits) ? digits : null;
    },
  },
  {
    kind: 'NATIONAL_ID',
    regex: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
  },
  {
    kind: 'PHONE',
    regex: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,8}(?:[ .-]\d{2,8}){0,4}(?![\w])/g,
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) return null;
      if (DATE_LIKE.test(value.trim())) return null;
      // Bare digit runs and short "2026-0042" forms are more often order or invoice numbers.
      const international = /[+(]/.test(value);
      const groups = value.split(/[ .-]+/).length;
      if (!international && (groups < 2 || (groups === 2 && digits.length < 10))) return null;
      return digits;
    },
  },
];

/**
 * One redactor per mail: subject and body share numbering, so the same address is `[EMAIL_1]` in
 * both and the model can still tell two people apart.
 */
export class Redactor {
  readonly map: RedactionMap = {};
  private readonly allow: Set<string>;
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<RedactionKind, number>();

  constructor(options: RedactOptions = {}) {
    this.allow = new Set((options.allowEmails ?? []).map((email) => email.trim().toLowerCase()));
  }

  redact(input: string): string {
    // A mail that already contains "[EMAIL_1]" must not be able to make unredact() insert a real value.
    let text = input.replace(PLACEHOLDER, '($1_$2)');
    for (const pattern of PATTERNS) {
      text = text.replace(pattern.regex, (...args: unknown[]) => this.replace(pattern, args));
    }
    return text;
  }

  private replace(pattern: Pattern, args: unknown[]): string {
    const whole = String(args[0]);
    const value = pattern.group === undefined ? whole : String(args[pattern.group] ?? '');
    const prefix = pattern.group === undefined ? '' : whole.slice(0, whole.length - value.length);
    if (value === '') return whole;
    const identity = pattern.accept ? pattern.accept(value) : value;
    if (identity === null) return whole;
    if (pattern.kind === 'EMAIL' && this.allow.has(identity)) return whole;
    const key = `${pattern.kind}:${identity}`;
    let placeholder = this.byValue.get(key);
    if (placeholder === undefined) {
      const n = (this.counters.get(pattern.kind) ?? 0) + 1;
      this.counters.set(pattern.kind, n);
      placeholder = `[${pattern.kind}_${n}]`;
      this.byValue.set(key, placeholder);
      this.map[placeholder] = value;
    }
    return prefix + placeholder;
  }
}

export function redact(text: string, options: RedactOptions = {}): Redacted {
  const redactor = new Redactor(options);
  return { text: redactor.redact(text), map: redactor.map };
}

/**
 * Puts the originals back, e.g. into a summary the user reads. `kinds` limits which ones: a badge
 * on screen may name a person but should not spell out a password. Unknown placeholders stay as written.
 */
export function unredact(text: string, map: RedactionMap, kinds?: readonly RedactionKind[]): string {
  return text.replace(PLACEHOLDER, (placeholder, kind: RedactionKind) =>
    kinds && !kinds.includes(kind) ? placeholder : (map[placeholder] ?? placeholder),
  );
}
