import type { Category, Reason } from '../schemas';

/** Everything the rules learn about one message; the scorer turns it into a TriageResult. */
export interface Evidence {
  reasons: Reason[];
  votes: Partial<Record<Category, number>>;
  /** Spam and phishing strength; 4 or more means spam. */
  spam: number;
  spamSigns: { points: number; sign: string }[];
  suspicious: boolean;
  /** A real deadline, a trusted sender or the user's own marks back a high rating. */
  backed: boolean;
  /** Set by the deadline rule so "ASAP" can be corroborated. */
  hasDeadline: boolean;
  /** The mail's own date is past the next working day: its stakes are real but not today's. */
  dueLater: boolean;
}

export function newEvidence(): Evidence {
  return {
    reasons: [],
    votes: {},
    spam: 0,
    spamSigns: [],
    suspicious: false,
    backed: false,
    hasDeadline: false,
    dueLater: false,
  };
}

/** Reason text is plain and short: at most 80 chars, whatever a rule passes in. */
export function addReason(ev: Evidence, rule: string, text: string, weight: number): void {
  const clean = text.replace(/\p{Cc}+/gu, ' ').trim();
  ev.reasons.push({ rule, text: clean.length > 80 ? `${clean.slice(0, 79)}…` : clean, weight });
}

export function vote(ev: Evidence, category: Category, strength: number): void {
  ev.votes[category] = Math.max(ev.votes[category] ?? 0, strength);
}

export function addSpam(ev: Evidence, points: number, sign: string): void {
  ev.spam += points;
  ev.spamSigns.push({ points, sign });
}
