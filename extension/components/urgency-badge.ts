/**
 * The row badge: a tiny plain-DOM node (hundreds per page, so no React here). Everything from the
 * mail or the API goes in through textContent or attributes, never as markup.
 */
import type { AiStatus, Category, TriageResult } from '../../shared/schemas';
import { displayText } from './display-text';

export const BADGE_CLASS = 'brody-badge';

/** The Brody badge an event happened on or inside, if any. */
export function badgeOf(target: EventTarget | null): HTMLElement | null {
  const badge = target instanceof Element ? target.closest(`.${BADGE_CLASS}`) : null;
  return badge instanceof HTMLElement ? badge : null;
}
const LABEL_CLASS = `${BADGE_CLASS}__label`;

/** Where the shown result came from; the tooltip says so, and tests read `data-brody-source`. */
export type BadgeSource = 'rules' | 'server' | 'cache';

/** What else the tooltip names: who sent the mail, and why AI did not answer when it was asked to. */
export interface BadgeDetails {
  from?: { name?: string; email?: string };
  aiStatus?: AiStatus;
}

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

/** Why the rules answered although AI is on; 'ok' and 'off' need no explanation. */
const AI_FALLBACK_TEXT: Partial<Record<AiStatus, string>> = {
  unconfigured: 'AI not configured on the API',
  budget_exceeded: 'AI budget spent today',
  unavailable: 'AI unavailable',
  invalid_output: 'AI answer unusable',
};

function suspicionOf(result: TriageResult): string {
  const reason = result.reasons.find((entry) => entry.text.startsWith('suspicious'));
  return reason ? displayText(reason.text) : 'looks suspicious';
}

export function badgeLabel(result: TriageResult): string {
  const first = result.reasons[0];
  const why = first ? `: ${displayText(first.text)}` : '';
  const warning = result.suspicious ? `. Warning, ${suspicionOf(result)}` : '';
  return `Urgency ${result.urgency}, ${result.category}${why}${warning}`;
}

export function engineLine(result: TriageResult, aiStatus?: AiStatus): string {
  if (result.source === 'ai') return `Engine: AI · ${displayText(result.engine, 100)}`;
  const fallback = aiStatus ? AI_FALLBACK_TEXT[aiStatus] : undefined;
  return `Engine: ${fallback ? `${fallback} — ` : ''}rules (${displayText(result.engine, 100)})`;
}

export function badgeTooltip(result: TriageResult, source: BadgeSource, details: BadgeDetails = {}): string {
  const lines: string[] = [];
  const name = displayText(details.from?.name ?? '', 80);
  const email = displayText(details.from?.email ?? '', 120);
  if (name || email) lines.push(`From: ${name && email ? `${name} <${email}>` : name || email}`);
  lines.push(`Urgency ${result.urgency} · ${result.category}`);
  for (const reason of result.reasons.slice(0, 5)) lines.push(`• ${displayText(reason.text)}`);
  if (result.suspicious) lines.push(`⚠ ${suspicionOf(result)}: treat its instructions with care`);
  lines.push(engineLine(result, details.aiStatus));
  lines.push(`Source: ${SOURCE_TEXT[source]} (${displayText(result.engine, 100)})`);
  lines.push('Click or press Enter to correct');
  return lines.join('\n');
}

const URGENCIES = ['high', 'medium', 'low'] as const;

export function badgeText(urgency: TriageResult['urgency'], category: Category): string {
  return `${urgency} · ${SHORT_CATEGORY[category]}`;
}

/**
 * Sets the badge width (`--brody-badge-width`, read by style.css) to the widest label this page's font draws, ⚠ marker
 * and bold included, so no label is ever cut, whatever font the user's system gives `system-ui`.
 * Every label is measured in one layout, before any badge is written: call it before decorating.
 */
export function reserveBadgeWidth(): void {
  if (document.querySelector('style[data-brody="badge-width"]')) return;
  const box = document.createElement('div');
  box.dataset.brody = 'measure';
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position:fixed;left:-10000px;top:0;visibility:hidden;contain:layout style';
  for (const urgency of URGENCIES) {
    for (const category of Object.keys(SHORT_CATEGORY) as Category[]) {
      const badge = createBadge();
      badge.className = `${BADGE_CLASS} ${BADGE_CLASS}--${urgency} ${BADGE_CLASS}--suspicious`;
      badge.style.cssText = 'width:max-content;contain:none;display:block';
      const label = badge.firstElementChild as HTMLElement;
      label.style.cssText = 'position:static;width:max-content;contain:none';
      label.textContent = badgeText(urgency, category);
      box.append(badge);
    }
  }
  document.body.append(box);
  const widest = Math.max(0, ...Array.from(box.children, (label) => label.getBoundingClientRect().width));
  box.remove();
  if (widest <= 0) return;
  // A rule of our own rather than a custom property on <html>: that would restyle the whole page.
  // Two pixels spare: sub-pixel widths round differently once the label sits in Gmail's row.
  const style = document.createElement('style');
  style.dataset.brody = 'badge-width';
  style.textContent = `.${BADGE_CLASS}{--brody-badge-width:${Math.ceil(widest) + 2}px}`;
  document.head.append(style);
}

export function createBadge(): HTMLSpanElement {
  const badge = document.createElement('span');
  badge.className = BADGE_CLASS;
  badge.setAttribute('role', 'button');
  badge.setAttribute('aria-haspopup', 'menu');
  // One badge of the list is the Tab stop (badge-roving.ts); the others are reached by arrow keys.
  badge.tabIndex = -1;
  badge.dataset.brody = 'badge';
  // What changes (text, weight, the ⚠ marker) lives in the label. The badge itself is a flex item of
  // Gmail's row, and Chromium lays a flex item out with its container, so a change to the badge
  // would lay out the whole table; the label is a block inside it and a layout boundary of its own.
  const label = document.createElement('span');
  label.className = LABEL_CLASS;
  badge.append(label);
  return badge;
}

/** Sets an attribute only when it changes: every write invalidates style, even of the same value. */
function setAttr(element: HTMLElement, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * Writes a result into a badge, touching only what differs from what it shows: a server answer that
 * agrees with the local rules changes the source and the description, and nothing that is drawn.
 */
export function renderBadge(
  badge: HTMLElement,
  key: string,
  result: TriageResult,
  source: BadgeSource,
  details: BadgeDetails = {},
): void {
  const className = `${BADGE_CLASS} ${BADGE_CLASS}--${result.urgency}${result.suspicious ? ` ${BADGE_CLASS}--suspicious` : ''}`;
  if (badge.className !== className) badge.className = className;
  // The ⚠ marker of a suspicious result is drawn by CSS (::before); the label and tooltip say why.
  let label = badge.firstElementChild;
  if (
    !(label instanceof HTMLElement) ||
    !label.classList.contains(LABEL_CLASS) ||
    badge.childNodes.length !== 1
  ) {
    label = document.createElement('span');
    (label as HTMLElement).className = LABEL_CLASS;
    badge.replaceChildren(label as HTMLElement);
  }
  const text = badgeText(result.urgency, result.category);
  const node = label.firstChild;
  // One text node, changed in place: replacing it would take a node out of the layout tree and add one.
  if (node instanceof Text && node === label.lastChild) {
    if (node.data !== text) node.data = text;
  } else (label as HTMLElement).textContent = text;
  setAttr(badge, 'data-brody-key', key);
  setAttr(badge, 'data-brody-source', source);
  setAttr(badge, 'data-brody-urgency', result.urgency);
  setAttr(badge, 'data-brody-category', result.category);
  setAttr(badge, 'data-brody-engine', result.source);
  setAttr(badge, 'data-brody-suspicious', result.suspicious ? 'true' : null);
  setAttr(badge, 'aria-label', badgeLabel(result));
  // Not `title`: the browser's own tooltip would show beside Brody's (badge-tooltip.ts).
  setAttr(badge, 'aria-description', badgeTooltip(result, source, details));
}
