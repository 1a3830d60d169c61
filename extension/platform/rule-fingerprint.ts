/**
 * Which learned rules bear on one message, as a short string. Both ends use it: the content script
 * re-badges only rows whose fingerprint changed when the rules change, and the background folds it
 * into the cache key so a result computed under other rules is never served again.
 */
import type { LearnedRule, MessageSummaryInput } from '../../shared/schemas';
import { ruleMatches } from '../../shared/triage/learned/apply';

export function ruleFingerprint(
  rules: readonly LearnedRule[],
  message: Pick<MessageSummaryInput, 'from' | 'subject'>,
): string {
  return rules
    .filter((rule) => ruleMatches(rule, message))
    .map((rule) => `${rule.id}:${rule.urgency}`)
    .sort()
    .join(',');
}

/** Lower-cased sender address of a summary, or '' when the row showed none. */
export function senderOf(message: Pick<MessageSummaryInput, 'from'>): string {
  return (message.from?.email ?? '').trim().toLowerCase();
}
