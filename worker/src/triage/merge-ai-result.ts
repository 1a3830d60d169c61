import type { Reason, TriageResult, Urgency } from '../../../shared/schemas';
import type { AiTriageItem } from '../ai/schemas';

const RANK: Record<Urgency, number> = { low: 0, medium: 1, high: 2 };
/** Rule reasons shown under the model's own: enough context to see why without crowding the card. */
const RULE_REASONS_KEPT = 2;
const INJECTION_REASON: Reason = {
  rule: 'prompt-injection',
  text: 'suspicious: contains instructions aimed at an AI',
  weight: -1,
};

/**
 * The model's verdict on top of the rules'. A mail flagged suspicious (it talks to an AI, hides text,
 * spoofs its sender) may not talk its way up: the model can lower its urgency, never raise it above
 * what the rules decided from the real content.
 */
export function mergeAiResult(
  rules: TriageResult,
  ai: AiTriageItem,
  model: string,
  at: string,
): TriageResult {
  const suspicious = rules.suspicious || ai.suspicious;
  const urgency = suspicious && RANK[ai.urgency] > RANK[rules.urgency] ? rules.urgency : ai.urgency;
  const aiReason: Reason = { rule: 'ai', text: ai.reason, weight: 0 };
  const context = rules.reasons.slice(0, RULE_REASONS_KEPT);
  // The local checks before the model can see an injection the rules missed (a row's snippet); the
  // card must still say why the mail is distrusted.
  const flagged =
    ai.signals.length > 0 && !rules.reasons.some((reason) => reason.text.startsWith('suspicious'))
      ? [INJECTION_REASON]
      : [];
  return {
    id: rules.id,
    urgency,
    category: ai.category,
    reasons: [aiReason, ...flagged, ...context],
    score: rules.score,
    source: 'ai',
    engine: model,
    suspicious,
    at,
  };
}
