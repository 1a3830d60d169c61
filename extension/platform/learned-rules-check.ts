/**
 * A structural check for learned rules read back from extension storage. The Gmail content script
 * reads them, and it stays free of zod to load fast; the background validated every rule with the
 * full schema before it wrote the list, so this only guards against a corrupted or hand-edited entry.
 */

import type { LearnedRule } from '../../shared/schemas';
import { CATEGORIES, URGENCIES } from '../../shared/vocabulary';

const URGENCY_VALUES = new Set<string>(URGENCIES);
const CATEGORY_VALUES = new Set<string>(CATEGORIES);
const MAX_RULES = 2_000;

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isLearnedRule(raw: unknown): raw is LearnedRule {
  if (typeof raw !== 'object' || raw === null) return false;
  const rule = raw as Record<string, unknown>;
  return (
    isShortString(rule.id, 100) &&
    (rule.scope === 'sender' || rule.scope === 'sender-topic') &&
    isShortString(rule.sender, 320) &&
    Array.isArray(rule.topic) &&
    rule.topic.length <= 8 &&
    rule.topic.every((word) => isShortString(word, 60)) &&
    typeof rule.urgency === 'string' &&
    URGENCY_VALUES.has(rule.urgency) &&
    (rule.category === undefined ||
      (typeof rule.category === 'string' && CATEGORY_VALUES.has(rule.category))) &&
    isShortString(rule.createdAt, 64) &&
    isShortString(rule.confirmedAt, 64) &&
    isShortString(rule.example, 1_000)
  );
}

export function isLearnedRuleList(raw: unknown): raw is LearnedRule[] {
  return Array.isArray(raw) && raw.length <= MAX_RULES && raw.every(isLearnedRule);
}
