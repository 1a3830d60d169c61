import type { Category, Reason, Urgency } from '../schemas';
import { CATEGORIES } from '../vocabulary';
import type { Evidence } from './evidence';
import { isHuman, type MessageFacts } from './message-facts';

/**
 * Tie-break order for category votes. Kept here (not imported from schemas.ts) because a runtime
 * import of the zod schemas would pull zod into the content-script bundle.
 */
const CATEGORY_ORDER: readonly Category[] = CATEGORIES;

export const HIGH_SCORE = 5;
export const MEDIUM_SCORE = 2.5;
const MAX_REASONS = 20;

export function decideUrgency(score: number, ev: Evidence): Urgency {
  if (ev.spam >= 4) return 'low';
  // High needs a real backer; a pile of small signals or shouting tops out at medium.
  if (score >= HIGH_SCORE && ev.backed && ev.spam < 2) return 'high';
  if (score >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

export function decideCategory(ev: Evidence, f: MessageFacts): Category {
  let best: Category | undefined;
  let bestStrength = 0;
  for (const category of CATEGORY_ORDER) {
    const strength = ev.votes[category] ?? 0;
    if (strength > bestStrength) {
      best = category;
      bestStrength = strength;
    }
  }
  if (best) return best;
  return isHuman(f) ? 'personal' : 'notification';
}

/** Safety flags first, then the spam verdict, then by how much each reason moved the score. */
export function orderReasons(reasons: Reason[]): Reason[] {
  const rank = (r: Reason) => (r.text.startsWith('suspicious') ? 0 : r.rule === 'spam' ? 1 : 2);
  return [...reasons]
    .sort((a, b) => rank(a) - rank(b) || Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, MAX_REASONS);
}
