import type { LearnedRule, MessageSummaryInput, TriageResult } from '../../../shared/schemas';
import { applyLearnedRules } from '../../../shared/triage';

/** Corrections win over any engine, the model included, exactly as they win over the rules. */
export function applyLearnedRulesIfAny(
  result: TriageResult,
  msg: MessageSummaryInput,
  rules: LearnedRule[] | undefined,
  now?: string,
): TriageResult {
  if (rules === undefined || rules.length === 0) return result;
  return applyLearnedRules(result, msg, rules, now);
}
