/** The rule engine: pure functions shared by the content script, the API and the command line. */
import type { MessageSummaryInput, TriageContextInput, TriageResult } from '../schemas';
import { type EngineContext, resolveContext } from './context';
import { type Evidence, newEvidence } from './evidence';
import { applyLearnedRules } from './learned/apply';
import { buildFacts, type MessageFacts } from './message-facts';
import { autoReplyRule } from './rules/auto-reply';
import { bulkRule } from './rules/bulk';
import { deadlineRule } from './rules/deadline';
import { gmailHintsRule } from './rules/gmail-hints';
import { historyRule } from './rules/history';
import { meetingRule } from './rules/meeting';
import { personalRule } from './rules/personal';
import { priorityRule } from './rules/priority';
import { requestRule } from './rules/request';
import { senderKindRule } from './rules/sender-kind';
import { spamRule } from './rules/spam';
import { stakesRule } from './rules/stakes';
import { suspiciousRule } from './rules/suspicious';
import { transactionalRule } from './rules/transactional';
import { urgentWordsRule } from './rules/urgent-words';
import { decideCategory, decideUrgency, orderReasons } from './score';

export { applyLearnedRules, ruleMatches } from './learned/apply';
export { ruleTopic } from './learned/topic';
export { type PriorityMatcher, type PriorityTerm, parsePriorities } from './priorities';

export const RULES_ENGINE_VERSION = 'rules-3';

type Rule = (f: MessageFacts, ctx: EngineContext, ev: Evidence) => void;

/** Order matters: safety and spam first, so later rules can refuse to lift spam or injected text. */
const RULES: Rule[] = [
  suspiciousRule,
  spamRule,
  bulkRule,
  autoReplyRule,
  senderKindRule,
  transactionalRule,
  meetingRule,
  historyRule,
  priorityRule,
  gmailHintsRule,
  deadlineRule,
  requestRule,
  stakesRule,
  personalRule,
  urgentWordsRule,
];

function run(msg: MessageSummaryInput, ctx: EngineContext): TriageResult {
  const facts = buildFacts(msg, ctx);
  const ev = newEvidence();
  for (const rule of RULES) rule(facts, ctx, ev);
  let score = 0;
  for (const reason of ev.reasons) score += reason.weight;
  score = Math.round(score * 100) / 100;
  const result: TriageResult = {
    id: msg.id,
    urgency: decideUrgency(score, ev),
    category: decideCategory(ev, facts),
    reasons: orderReasons(ev.reasons),
    score,
    source: 'rules',
    engine: RULES_ENGINE_VERSION,
    suspicious: ev.suspicious,
    at: ctx.nowIso,
  };
  const rules = facts.fromEmail ? ctx.rulesBySender.get(facts.fromEmail) : undefined;
  return rules ? applyLearnedRules(result, msg, rules, ctx.nowIso) : result;
}

export function triage(msg: MessageSummaryInput, ctx?: TriageContextInput): TriageResult {
  return run(msg, resolveContext(ctx));
}

export function triageMany(msgs: MessageSummaryInput[], ctx?: TriageContextInput): TriageResult[] {
  const resolved = resolveContext(ctx);
  return msgs.map((msg) => run(msg, resolved));
}
