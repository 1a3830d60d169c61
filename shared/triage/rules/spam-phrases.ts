/** Word lists behind the spam rule: phrases only spam uses, marketing pressure, phishing bait. */
import { lazyPhraseRegex } from '../phrase-trie';

/** Phrases that in practice only spam and scams use; each kind counts 2. */
const SCAM_KINDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'prize bait',
    [
      "you've been selected",
      'you have been selected',
      'you won',
      "you've won",
      'you have won',
      'winner',
      'claim your prize',
      'claim your reward',
    ],
  ],
  [
    'money bait',
    [
      'make money',
      'earn money',
      'make big money',
      'earn big money',
      'extra income',
      'work from home',
      'be your own boss',
    ],
  ],
  [
    'pills',
    [
      'viagra',
      'cialis',
      'pharmacy',
      'prescription drugs',
      'lose weight',
      'weight loss',
      'diet pill',
      'diet pills',
    ],
  ],
  [
    'advance-fee scam',
    [
      'next of kin',
      'beneficiary',
      'inheritance',
      'nigeria',
      'transfer the sum',
      'transfer the fund',
      'transfer the funds',
      'transfer of funds',
      'transfer of the funds',
      'million dollars',
      'million usd',
      'million united states dollars',
    ],
  ],
  [
    'bulk-mailer wording',
    [
      'this is not spam',
      'this is not a spam',
      'not unsolicited',
      'removal instructions',
      'reply with remove',
      'type remove',
      ...['our', 'this', 'the'].flatMap((w) => [
        `to be removed from ${w} list`,
        `to be removed from ${w} mailing list`,
      ]),
    ],
  ],
  [
    'pressure selling',
    [
      '100% free',
      '100% guaranteed',
      '100% satisfied',
      'risk-free',
      'risk free',
      'no obligation',
      'act now',
      'order now',
      'call now',
      'apply now',
      "don't delay",
      'while supplies last',
      ...['call', 'order', 'act', 'apply', 'buy', 'sign up', 'join', 'register', 'respond'].flatMap((w) => [
        `${w} today`,
        `${w} us today`,
        `${w} now today`,
      ]),
    ],
  ],
  [
    'generic greeting',
    [
      'dear friend',
      'dear sir',
      'dear madam',
      'dear sir/madam',
      'dear customer',
      'dear valued customer',
      'dear valued member',
      'dear user',
      'dear account holder',
    ],
  ],
  [
    'adult or gambling',
    [
      'adult',
      'xxx',
      'hot girls',
      'hot singles',
      'casino',
      'online gambling',
      'penny stock',
      'penny stocks',
      'stock alert',
      'investment opportunity',
    ],
  ],
];
export const SCAM_SIGN = new Map(
  SCAM_KINDS.flatMap(([sign, phrases]) => phrases.map((p) => [p, sign] as const)),
);
export const scamAny = lazyPhraseRegex(() => [...SCAM_SIGN.keys()]);
/** "$$$" and "earn $500": money signs that a word-bounded phrase cannot express. */
export const DOLLARS = /\$\$|\b(?:make|earn) (?:big )?\$\d/;

/** Marketing phrases that newsletters use too; each counts 1 outside lists. */
export const PUSHY =
  /\b(?:click (?:here|below)|limited time|special (?:offer|promotion)|lowest (?:rates?|prices?)|mortgage|refinanc\w*|credit (?:card|report|rating)|debt|pre-?approved|guaranteed|free (?:gift|trial|quote|access|money|cash)|save up to \d+%|opt[- ]?out|amazing|incredible|once in a lifetime|cash bonus|unsubscribe)\b/g;
export const phish = lazyPhraseRegex(() => [
  ...['account', 'identity', 'information', 'details'].map((w) => `verify your ${w}`),
  ...['account', 'password', 'identity', 'details', 'billing'].map((w) => `confirm your ${w}`),
  ...['suspended', 'locked', 'limited', 'disabled', 'closed', 'on hold'].flatMap((w) =>
    ['', 'has been ', 'will be ', 'was '].map((v) => `account ${v}${w}`),
  ),
  ...['payment', 'billing', 'account'].flatMap((a) =>
    ['information', 'details', 'method'].map((b) => `update your ${a} ${b}`),
  ),
  'unusual activity',
  'unusual sign-in activity',
  'your password expires',
  'your password will expire',
]);
export const BRANDS =
  /\b(paypal|apple|icloud|amazon|microsoft|office ?365|outlook|google|gmail|netflix|facebook|instagram|linkedin|wells fargo|chase|bank of america|citibank|hsbc|dhl|fedex|ups|usps|irs|dropbox|docusign|coinbase)\b/;
export const FREEMAIL = /^(?:gmail|yahoo|hotmail|outlook|aol|mail|gmx|yandex|protonmail|icloud|live|msn)\./;
export const JUNK_SUBJECT_TAIL = /(?:\s{3,}[\w-]{3,}|[?!.]\s*\d{3,}|\s+[a-z]{0,3}\d[\w]{4,})\s*$/i;
