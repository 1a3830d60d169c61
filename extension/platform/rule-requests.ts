/**
 * Rule messages from the Gmail content script to the background. Zod-free on purpose (the content
 * script loads fast); the background parses every request. A dead background (extension reloaded)
 * only loses the message: the page already shows the correction.
 */
import { browser } from 'wxt/browser';
import type { LearnedRule } from '../../shared/schemas';
import type { RuntimeRequestInput } from './messages';

async function send(request: RuntimeRequestInput): Promise<boolean> {
  try {
    const answer: unknown = await browser.runtime.sendMessage(request);
    return typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

export function sendAddRule(rule: LearnedRule): Promise<boolean> {
  return send({ type: 'add-rule', rule });
}

export function sendConfirmRule(sender: string): Promise<boolean> {
  return send({ type: 'confirm-rule', sender });
}
