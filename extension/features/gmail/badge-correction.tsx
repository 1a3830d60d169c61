/**
 * Correcting a badge in one gesture: click it, press Enter/Space on it, or Shift+B anywhere in its
 * row (or, from anywhere else in the list, on Gmail's current row), then pick in the menu. The row feature applies the new rule locally in the same frame; the
 * background stores it and publishes it to every tab. Clicking a row (not its badge) notes the
 * sender, so opening that thread confirms the sender's rules (badge-correction-confirm.tsx).
 */
import type { LearnedRule, MessageSummaryInput, Urgency } from '../../../shared/schemas';
import { ruleTopic } from '../../../shared/triage/learned/topic';
import {
  type CorrectionScope,
  closeCorrectionMenu,
  openCorrectionMenu,
} from '../../components/correction-menu';
import { BADGE_CLASS, badgeOf } from '../../components/urgency-badge';
import { senderOf } from '../../platform/rule-fingerprint';
import { sendAddRule } from '../../platform/rule-requests';
import { isTypingTarget } from '../../platform/shortcuts';
import { currentThreadRow, groupForRow, isVerticalRow } from '../../sites/gmail/read';
import { noteOpenedSender } from './badge-correction-confirm';

export interface CorrectionDeps {
  rowSelector: string;
  /** The summary and current urgency behind a badge, or null when it is not one of ours. */
  lookup(badge: HTMLElement): { summary: MessageSummaryInput; urgency: Urgency } | null;
  /** Applies the rule on this page at once. */
  apply(rule: LearnedRule): void;
}

/** Shift+B ("Brody"): Gmail binds Shift+U (mark unread), Shift+I and single letters, not this. */
function isShortcut(event: KeyboardEvent): boolean {
  return event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && event.code === 'KeyB';
}

export function buildRule(
  summary: MessageSummaryInput,
  urgency: Urgency,
  scope: CorrectionScope,
  now = new Date(),
): LearnedRule {
  const subject = summary.subject ?? '';
  const stamp = now.toISOString();
  return {
    id: crypto.randomUUID(),
    scope,
    sender: senderOf(summary),
    topic: scope === 'sender-topic' ? ruleTopic(subject) : [],
    urgency,
    createdAt: stamp,
    confirmedAt: stamp,
    example: subject.slice(0, 1_000),
  };
}

export function installBadgeCorrection(signal: AbortSignal, deps: CorrectionDeps): void {
  const open = (badge: HTMLElement): void => {
    const found = deps.lookup(badge);
    if (!found || senderOf(found.summary).length < 3) return;
    const { summary } = found;
    openCorrectionMenu({
      anchor: badge,
      sender: senderOf(summary),
      topic: ruleTopic(summary.subject ?? ''),
      current: found.urgency,
      onPick(urgency, scope) {
        const rule = buildRule(summary, urgency, scope);
        deps.apply(rule);
        void sendAddRule(rule);
      },
    });
  };
  const badgeInRow = (target: EventTarget | null): HTMLElement | null => {
    let row = target instanceof Element ? target.closest(deps.rowSelector) : null;
    // In the vertical layout a thread's later rows hold no sender: its group starts further up.
    while (row instanceof HTMLElement && isVerticalRow(row) && !groupForRow(row)) {
      const previous: Element | null = row.previousElementSibling;
      row = previous?.matches(deps.rowSelector) ? previous : null;
    }
    const group = row instanceof HTMLElement ? groupForRow(row) : null;
    const badge = group?.parts.map((part) => part.querySelector(`.${BADGE_CLASS}`)).find(Boolean);
    return badge instanceof HTMLElement ? badge : null;
  };
  const currentRowBadge = (): HTMLElement | null => badgeInRow(currentThreadRow());

  // Capture on window: the badge sits inside Gmail's row, whose own handlers would open the thread.
  const swallow = (event: Event): void => {
    if (!event.isTrusted || !badgeOf(event.target)) return;
    event.stopPropagation();
    event.preventDefault();
  };
  window.addEventListener('mousedown', swallow, { capture: true, signal });
  window.addEventListener('mouseup', swallow, { capture: true, signal });
  window.addEventListener(
    'click',
    (event) => {
      // Only a person's click corrects or notes a sender; a page script's synthetic one does nothing.
      if (!event.isTrusted) return;
      const badge = badgeOf(event.target);
      if (badge) {
        swallow(event);
        // Page scripts can click too: the menu opens, and opened threads count, for the user only.
        if (event.isTrusted) open(badge);
        return;
      }
      if (!event.isTrusted) return;
      const row = event.target instanceof Element ? event.target.closest(deps.rowSelector) : null;
      const rowBadge = row ? badgeInRow(row) : null;
      const found = rowBadge ? deps.lookup(rowBadge) : null;
      if (found) noteOpenedSender(senderOf(found.summary));
    },
    { capture: true, signal },
  );
  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted) return;
      const badge =
        badgeOf(event.target) && (event.key === 'Enter' || event.key === ' ')
          ? badgeOf(event.target)
          : isShortcut(event) && !isTypingTarget(event.target)
            ? (badgeOf(event.target) ?? badgeInRow(event.target) ?? currentRowBadge())
            : null;
      if (!badge) return;
      event.stopPropagation();
      event.preventDefault();
      if (event.isTrusted) open(badge);
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', closeCorrectionMenu, { once: true });
}
