/**
 * Keeps learned rules alive while the user's behaviour agrees with them: opening a thread from a
 * sender with a rule refreshes that rule's confirmedAt (rules left unconfirmed fade after 30 days).
 * The thread URL carries an id that rows do not show, so the row click notes the sender and the
 * thread view that follows within a few seconds confirms it.
 */
import type { Feature } from '../../platform/feature-runner';
import { sendConfirmRule } from '../../platform/rule-requests';
import { getSetting } from '../../platform/settings';
import type { GmailView } from '../../sites/gmail/detect';

const OPEN_WINDOW_MS = 10_000;
let lastOpened: { sender: string; at: number } | null = null;

export function noteOpenedSender(sender: string, now = Date.now()): void {
  lastOpened = sender ? { sender, at: now } : null;
}

export const ruleConfirmation: Feature<GmailView> = {
  name: 'rule-confirmation',
  matches: (view) => view.kind === 'thread',
  async init(signal) {
    const opened = lastOpened;
    lastOpened = null;
    if (!opened || Date.now() - opened.at > OPEN_WINDOW_MS) return;
    const rules = await getSetting('learnedRules');
    if (signal.aborted || !rules.some((rule) => rule.sender === opened.sender)) return;
    await sendConfirmRule(opened.sender);
  },
};
