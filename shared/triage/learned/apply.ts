import type { LearnedRuleInput, MessageSummaryInput, TriageResult, Urgency } from '../../schemas';
import { HIGH_SCORE, MEDIUM_SCORE } from '../score';
import { subjectWords } from './topic';

const DAY_MS = 86_400_000;
/** A correction the user's behaviour has not confirmed for this long starts to fade, then stops. */
const FADE_AFTER_DAYS = 30;
const EXPIRE_AFTER_DAYS = 60;
const LEVELS: readonly Urgency[] = ['low', 'medium', 'high'];

/** Rules come from storage and the API; lenient input (no topic) is read as an empty topic. */
type RuleLike = Pick<
  LearnedRuleInput,
  'scope' | 'sender' | 'urgency' | 'category' | 'confirmedAt' | 'createdAt'
> & {
  topic?: string[];
};

/** Sender equality on the lower-cased address (never a domain); for sender-topic every topic word is in the subject. */
export function ruleMatches(rule: RuleLike, msg: Pick<MessageSummaryInput, 'from' | 'subject'>): boolean {
  const sender = (msg.from?.email ?? '').trim().toLowerCase();
  if (!sender || sender !== rule.sender.trim().toLowerCase()) return false;
  if (rule.scope !== 'sender-topic') return true;
  const topic = rule.topic ?? [];
  if (topic.length === 0) return true;
  const words = new Set(subjectWords(msg.subject ?? ''));
  return topic.every((word) => words.has(word.toLowerCase()));
}

function ageDays(rule: RuleLike, nowMs: number): number {
  const confirmed = Date.parse(rule.confirmedAt);
  // An unreadable date cannot prove the rule is still wanted.
  return Number.isFinite(confirmed) ? (nowMs - confirmed) / DAY_MS : Number.POSITIVE_INFINITY;
}

function specificity(rule: RuleLike): number {
  return rule.scope === 'sender-topic' && (rule.topic?.length ?? 0) > 0 ? 1 : 0;
}

function newest(rule: RuleLike): number {
  const created = Date.parse(rule.createdAt);
  return Number.isFinite(created) ? created : 0;
}

/** The rule that decides: most specific first, newest on ties; expired rules never apply. */
export function pickRule<R extends RuleLike>(
  rules: readonly R[],
  msg: Pick<MessageSummaryInput, 'from' | 'subject'>,
  nowMs: number,
): R | undefined {
  let best: R | undefined;
  for (const rule of rules) {
    if (ageDays(rule, nowMs) > EXPIRE_AFTER_DAYS || !ruleMatches(rule, msg)) continue;
    if (
      !best ||
      specificity(rule) > specificity(best) ||
      (specificity(rule) === specificity(best) && newest(rule) > newest(best))
    ) {
      best = rule;
    }
  }
  return best;
}

/** A score that agrees with the urgency the rule set, moved as little as possible. */
function scoreFor(urgency: Urgency, score: number): number {
  if (urgency === 'high') return Math.max(score, HIGH_SCORE);
  if (urgency === 'medium') return Math.min(Math.max(score, MEDIUM_SCORE), HIGH_SCORE - 0.01);
  return Math.min(score, MEDIUM_SCORE - 0.01);
}

function stepToward(from: Urgency, to: Urgency): Urgency {
  const a = LEVELS.indexOf(from);
  const b = LEVELS.indexOf(to);
  return LEVELS[a + Math.sign(b - a)] ?? from;
}

/**
 * The user's corrections override the engine. A rule unconfirmed for 30–60 days only nudges one step;
 * after 60 days it is ignored. A rule never raises a suspicious mail: a forged From would otherwise
 * borrow the trust the user gave the real sender.
 */
export function applyLearnedRules(
  result: TriageResult,
  msg: MessageSummaryInput,
  rules: readonly RuleLike[],
  now?: string,
): TriageResult {
  if (rules.length === 0) return result;
  const parsed = Date.parse(now ?? result.at);
  const nowMs = Number.isFinite(parsed) ? parsed : Date.now();
  const rule = pickRule(rules, msg, nowMs);
  if (!rule) return result;
  const fading = ageDays(rule, nowMs) > FADE_AFTER_DAYS;
  let urgency = fading ? stepToward(result.urgency, rule.urgency) : rule.urgency;
  if (result.suspicious && LEVELS.indexOf(urgency) > LEVELS.indexOf(result.urgency)) urgency = result.urgency;
  const score =
    urgency === result.urgency ? result.score : Math.round(scoreFor(urgency, result.score) * 100) / 100;
  // Topic words and the sender come from stored rules: only letters, digits and address characters reach the text.
  const topic = specificity(rule) > 0 ? (rule.topic ?? []).join(' ').replace(/[^\p{L}\p{N} ]/gu, '') : '';
  const what = topic ? `"${topic}" mail` : 'mail';
  const sender = rule.sender.toLowerCase().replace(/[^\p{L}\p{N}@._+-]/gu, '');
  const text = `you marked ${what} from ${sender} as ${rule.urgency}${fading ? ' (fading)' : ''}`;
  const reason = {
    rule: 'learned',
    text: text.length > 80 ? `${text.slice(0, 79)}…` : text,
    weight: Math.round((score - result.score) * 100) / 100,
  };
  return {
    ...result,
    urgency,
    category: !fading && rule.category ? rule.category : result.category,
    score,
    reasons: [reason, ...result.reasons].slice(0, 20),
  };
}
