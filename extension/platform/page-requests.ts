/**
 * Requests from extension pages (options) about learned rules and AI; answers are parsed, so a page
 * never renders a shape it did not expect.
 */
import { browser } from 'wxt/browser';
import type { LearnedRule } from '../../shared/schemas';
import { AiInfoAnswer, RulesAnswer, type RuntimeRequestInput } from './messages';

async function rules(request: RuntimeRequestInput): Promise<LearnedRule[]> {
  return RulesAnswer.parse(await browser.runtime.sendMessage(request)).rules;
}

export const requestRules = (): Promise<LearnedRule[]> => rules({ type: 'list-rules' });
export const requestDeleteRule = (id: string): Promise<LearnedRule[]> => rules({ type: 'delete-rule', id });

export async function requestAiInfo(): Promise<AiInfoAnswer> {
  return AiInfoAnswer.parse(
    await browser.runtime.sendMessage({ type: 'ai-info' } satisfies RuntimeRequestInput),
  );
}
