import type { MessageSummary, TriageContextInput, TriageResult } from '../../../shared/schemas';
import { RULES_ENGINE_VERSION, triageMany } from '../../../shared/triage';

/** Whatever turns messages into triage results: today the rule engine, later an AI provider. */
export interface TriageEngine {
  /** Changes whenever the engine could judge the same mail differently; part of the cache key. */
  version: string;
  triageMany(
    messages: MessageSummary[],
    context?: TriageContextInput,
  ): TriageResult[] | Promise<TriageResult[]>;
}

export const ruleEngine: TriageEngine = {
  version: RULES_ENGINE_VERSION,
  triageMany: (messages, context) => triageMany(messages, context),
};
