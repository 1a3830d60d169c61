import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';

const PROMOTION =
  /\b(?:\d+% off|sale|deals?|discount|coupon|promo(?:tion)? code|offer|free shipping|shop now|limited time|black friday|cyber monday|clearance|save \$?\d+)\b/;

const NOTIFICATION =
  /\b(?:notifications?|alerts?|you appeared in|your (?:weekly|daily) (?:summary|activity))\b/;

/** Mailing lists and bulk mail: newsletters and promotions, pushed toward low. */
export function bulkRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  const h = f.headers;
  const precedence = (h.precedence ?? '').trim().toLowerCase();
  let text: string | undefined;
  let weight = 0;
  if (h['list-unsubscribe'] !== undefined) {
    text = 'newsletter: List-Unsubscribe';
    weight = -3;
  } else if (h['list-id'] !== undefined) {
    text = 'mailing list: List-Id';
    weight = -2.5;
  } else if (/^(?:bulk|list|junk)/.test(precedence)) {
    text = `bulk mail: Precedence ${precedence.slice(0, 10)}`;
    weight = -2.5;
  } else if (f.bulkFooter) {
    text = 'newsletter: unsubscribe footer';
    weight = -2;
  }
  if (!text) return;
  addReason(ev, 'bulk', text, weight);
  if (PROMOTION.test(f.lower)) {
    vote(ev, 'promotion', 2.5);
  } else if (NOTIFICATION.test(f.lower)) {
    vote(ev, 'notification', 2);
  } else {
    vote(ev, 'newsletter', 2);
  }
}
