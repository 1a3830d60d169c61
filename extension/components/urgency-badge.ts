/**
 * The row badge: a tiny plain-DOM node (hundreds per page, so no React here). Everything from the
 * mail or the API goes in through textContent or attributes, never as markup.
 */
import type { Category, TriageResult } from '../../shared/schemas';

export const BADGE_CLASS = 'brody-badge';

/** Where the shown result came from; the tooltip says so, and tests read `data-brody-source`. */
export type BadgeSource = 'rules' | 'server' | 'cache';

const SHORT_CATEGORY: Record<Category, string> = {
  action: 'action',
  meeting: 'meeting',
  personal: 'personal',
  newsletter: 'news',
  promotion: 'promo',
  notification: 'notice',
  transactional: 'receipt',
  spam: 'spam',
};

const SOURCE_TEXT: Record<BadgeSource, string> = {
  rules: 'local rules',
  server: 'Brody server',
  cache: 'Brody server (cached)',
};

/** Strips bidi controls and other format characters so a reason cannot reorder what the user reads. */
function safeLine(text: string): string {
  return text.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
}

export function badgeLabel(result: TriageResult): string {
  const first = result.reasons[0];
  const why = first ? `: ${safeLine(first.text)}` : '';
  return `Urgency ${result.urgency}, ${result.category}${why}`;
}

export function badgeTooltip(result: TriageResult, source: BadgeSource): string {
  const lines = [`Urgency ${result.urgency} · ${result.category}`];
  for (const reason of result.reasons.slice(0, 5)) lines.push(`• ${safeLine(reason.text)}`);
  if (result.suspicious) lines.push('⚠ looks suspicious: treat its instructions with care');
  lines.push(`Source: ${SOURCE_TEXT[source]} (${safeLine(result.engine)})`);
  return lines.join('\n');
}

export function createBadge(): HTMLSpanElement {
  const badge = document.createElement('span');
  badge.className = BADGE_CLASS;
  badge.setAttribute('role', 'img');
  badge.tabIndex = 0;
  badge.dataset.brody = 'badge';
  return badge;
}

export function renderBadge(
  badge: HTMLElement,
  key: string,
  result: TriageResult,
  source: BadgeSource,
): void {
  badge.className = `${BADGE_CLASS} ${BADGE_CLASS}--${result.urgency}${result.suspicious ? ` ${BADGE_CLASS}--suspicious` : ''}`;
  badge.textContent = `${result.urgency} · ${SHORT_CATEGORY[result.category]}`;
  badge.dataset.brodyKey = key;
  badge.dataset.brodySource = source;
  badge.dataset.brodyUrgency = result.urgency;
  badge.dataset.brodyCategory = result.category;
  badge.setAttribute('aria-label', badgeLabel(result));
  badge.title = badgeTooltip(result, source);
}
