import { stripInvisible } from './invisible';

export interface InjectionVerdict {
  suspicious: boolean;
  /** Stable names of the signals found, e.g. `ignore-instructions`. */
  reasons: string[];
}

interface Signal {
  reason: string;
  pattern: RegExp;
}

/**
 * Phrases addressed to an AI rather than a person. They run on a normalised form (lower case, one
 * space between words, letter-spaced words joined), so "I G N O R E previous" and "Ignore\u200B all
 * previous" read the same. Several are narrowed to the AI-directed form: "you are now subscribed" or
 * "please reply with your availability" are everyday mail, not attacks.
 */
const SIGNALS: Signal[] = [
  {
    reason: 'ignore-instructions',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)(?: (?:all|any|every|of|the|your|my|these|those))* (?:previous|prior|above|earlier|preceding|system|original|initial|existing)(?: \w+)? (?:instructions?|prompts?|rules|directions|directives|guidelines)\b/,
  },
  {
    reason: 'disregard-above',
    pattern: /\b(?:disregard|ignore|forget) (?:everything |all )?(?:the )?above\b/,
  },
  { reason: 'system-prompt', pattern: /\bsystem prompts?\b|\bdeveloper (?:message|prompt|mode)\b/ },
  {
    reason: 'role-change',
    pattern:
      /\byou are now (?:(?:a|an|the|my) )?(?:dan|gpt|ai|bot|chatbot|assistant|model|jailbroken|unrestricted|unfiltered|different|new)\b|\byou are now (?:in|acting|going to|no longer|free|called|named)\b|\bfrom now on,? you\b|\bact as (?:an? )?(?:ai|assistant|model|system)\b|\bnew instructions?\b/,
  },
  {
    reason: 'as-an-ai',
    pattern: /\bas an ai\b(?! (?:company|startup|firm|researcher|engineer|expert|platform)\b)/,
  },
  {
    reason: 'role-marker',
    pattern: /(?:^|\n) ?(?:assistant|system) ?:|<\|im_(?:start|end)\|>|\[\/?inst\]|<\/?(?:system|assistant)>/,
  },
  {
    reason: 'mark-urgent',
    pattern:
      /\b(?:mark|flag|label|classify|rate|tag|set) (?:this|it|the (?:email|message|mail)) (?:(?:as|to) )?(?:(?:very|highly|most) )?(?:urgent|important|high priority|critical|safe|not spam|legitimate)\b/,
  },
  {
    reason: 'forward-this',
    pattern:
      /\bforward (?:this|these|it|them|the (?:email|message|mail|thread))(?: (?:email|message|mail|thread|conversation))? to (?:\S+@\S+|an? (?:external |new )?address)|\bforward (?:all|every|your|the last(?: \d+)?) (?:emails?|messages?|mails?|conversations?|threads?|files?|documents?|contacts?|passwords?)\b/,
  },
  {
    reason: 'reply-with',
    pattern:
      /\b(?:reply|respond|answer) (?:only )?with (?:only|just|exactly|the (?:word|phrase|text|following)|["'“‘`])/,
  },
  {
    reason: 'reveal-secrets',
    pattern:
      /\b(?:reveal|print|show|repeat|output|tell me|leak|disclose) (?:me )?(?:your|the) (?:system prompt|prompt|instructions|initial instructions|hidden instructions|api keys?|keys|secrets?|passwords?|credentials|configuration)\b/,
  },
];

/**
 * Joins "i g n o r e" into "ignore": runs of three or more letters separated by single spaces are a
 * known evasion. Runs before wider gaps are collapsed, so "i g n o r e   a l l" stays two words.
 */
function joinLetterSpacing(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])(?:\p{L}[ .\-_]){2,}\p{L}(?![\p{L}\p{N}])/gu, (run) =>
    run.replace(/[ .\-_]/g, ''),
  );
}

export function normaliseForDetection(text: string): string {
  const visible = joinLetterSpacing(stripInvisible(text).text.normalize('NFKC').toLowerCase());
  const lines = visible
    .split(/\r?\n/)
    .map((line) => line.replace(/[^\p{L}\p{N}:<>|[\]/"'“‘`@.]+/gu, ' ').trim())
    .filter((line) => line.length > 0);
  return lines.join('\n');
}

/** With every space removed, for evasions that also drop the gaps between words. Long phrases only. */
const SQUASHED_IGNORE =
  /(?:ignore|disregard|forget)(?:all|any|the|your)*(?:previous|prior|above|earlier|preceding)(?:instructions?|prompts?|rules)/;

export function detectInjection(text: string): InjectionVerdict {
  const normalised = normaliseForDetection(text);
  const flat = normalised.replace(/\n/g, ' ');
  const reasons = SIGNALS.filter(({ reason, pattern }) =>
    pattern.test(reason === 'role-marker' ? normalised : flat),
  ).map(({ reason }) => reason);
  if (!reasons.includes('ignore-instructions') && SQUASHED_IGNORE.test(flat.replace(/[^\p{L}]/gu, ''))) {
    reasons.unshift('ignore-instructions');
  }
  return { suspicious: reasons.length > 0, reasons };
}
