import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';
import { lazyPhraseRegex } from '../phrase-trie';

type Kind = 'code' | 'security' | 'reset' | 'receipt';

const CODE_PREFIXES = [
  'verification',
  'security',
  'one-time',
  'one time',
  'login',
  'log-in',
  'sign-in',
  'sign in',
  'confirmation',
  'authentication',
  'access',
  '2fa',
  'otp',
];
const PHRASES: ReadonlyArray<readonly [Kind, readonly string[]]> = [
  [
    'code',
    [
      ...CODE_PREFIXES.flatMap((p) => [`${p} code`, `${p} pin`, `${p} passcode`]),
      'passcode',
      'your code',
      'your code is',
      'code is',
      'code expires',
    ],
  ],
  [
    'security',
    [
      'security alert',
      'new sign-in',
      'new signin',
      'new login',
      'sign-in attempt',
      'signin attempt',
      'unusual sign-in',
      'unusual activity',
      'suspicious sign-in',
      'suspicious activity',
      'suspicious login',
      'password changed',
      'password was changed',
      'password has been changed',
      'new device',
    ],
  ],
  ['reset', ['reset your password', 'password reset', 'reset password']],
  [
    'receipt',
    [
      'receipt',
      'invoice',
      'order confirmation',
      'order confirmed',
      'order number',
      'order no',
      'your order',
      'has shipped',
      'have shipped',
      'out for delivery',
      'was delivered',
      'tracking number',
      'payment received',
      'payment confirmation',
      'payment successful',
      'thanks for your order',
      'thanks for your purchase',
      'thanks for your payment',
      'subscription renewal',
      'subscription renewed',
      'your statement',
      'your monthly statement',
      'booking confirmation',
    ],
  ],
];
const KIND_OF = new Map(PHRASES.flatMap(([kind, phrases]) => phrases.map((p) => [p, kind] as const)));
/** One trie-shaped pass finds every kind present. */
const any = lazyPhraseRegex(() => [...KIND_OF.keys()]);
const CODE = /\b(?:[a-z]-)?\d{4,8}\b/;

function kindsIn(text: string): Set<Kind> {
  const found = new Set<Kind>();
  for (const phrase of text.match(any()) ?? []) {
    const kind = KIND_OF.get(phrase);
    if (kind) found.add(kind);
  }
  return found;
}

/** Receipts stay low; codes, resets and security alerts are time-sensitive. Spam never gets the lift. */
/** "It expires in 10 minutes": past that, the code is spent. */
const EXPIRES_IN = /\bexpires? in (\d{1,3}) ?(?:minutes?|mins?)\b/;

function expired(f: MessageFacts, nowMs: number): boolean {
  const minutes = EXPIRES_IN.exec(f.lower)?.[1];
  return minutes !== undefined && f.dateMs !== undefined && f.dateMs + Number(minutes) * 60_000 < nowMs;
}

export function transactionalRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  const kinds = kindsIn(f.lower);
  if (kinds.size === 0) return;
  const trusted = ev.spam < 1.5 && !f.bulk;
  if (kinds.has('code') && CODE.test(f.lower)) {
    vote(ev, 'transactional', 4);
    if (trusted && expired(f, ctx.nowMs)) {
      addReason(ev, 'one-time-code', 'one-time code, expired', 0);
    } else if (trusted) {
      addReason(ev, 'one-time-code', 'one-time code: use it soon', 4.5);
      ev.backed = true;
    }
    return;
  }
  if (kinds.has('security')) {
    vote(ev, 'transactional', 3.5);
    if (trusted) {
      addReason(ev, 'security-alert', 'security alert on your account', 4);
      ev.backed = true;
    }
    return;
  }
  if (kinds.has('reset')) {
    vote(ev, 'transactional', 3.5);
    if (trusted) addReason(ev, 'password-reset', 'password reset link', 3);
    return;
  }
  if (kinds.has('receipt')) {
    vote(ev, 'transactional', 3.5);
    addReason(ev, 'receipt', 'receipt, order or shipping update', -1);
  }
}
