/**
 * One tooltip element per page run, shown while a badge has keyboard focus or the mouse is over it.
 * The text is the badge's `aria-description`, not a native `title`, so the browser never shows a
 * second, clipped tooltip of its own. The element lives on <body> with fixed position because
 * Gmail's cells clip overflow, and it goes above the badge when there is no room below.
 */
import { badgeOf } from './urgency-badge';

export interface BadgeTooltip {
  /** Shows a badge's new text at once when the tooltip is open on it (after a correction, an answer). */
  refresh(badge: HTMLElement): void;
}

const GAP = 4;

export function installBadgeTooltip(signal: AbortSignal): BadgeTooltip {
  const tip = document.createElement('div');
  tip.className = 'brody-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.id = 'brody-tooltip';
  tip.hidden = true;
  tip.dataset.brody = 'tooltip';
  document.body.append(tip);
  let anchor: HTMLElement | null = null;

  const hide = (): void => {
    tip.hidden = true;
    anchor = null;
  };
  // Runs on a user's focus or hover, never while rows are decorated: one small forced layout here is
  // the price of knowing whether the tooltip fits below.
  const place = (badge: HTMLElement): void => {
    const box = badge.getBoundingClientRect();
    tip.textContent = badge.getAttribute('aria-description') ?? '';
    tip.style.left = '0px';
    tip.style.top = '0px';
    tip.style.bottom = 'auto';
    tip.hidden = false;
    const size = tip.getBoundingClientRect();
    tip.style.left = `${Math.max(GAP, Math.min(box.left, window.innerWidth - size.width - GAP))}px`;
    if (box.bottom + GAP + size.height <= window.innerHeight || box.top - GAP - size.height < 0) {
      tip.style.top = `${box.bottom + GAP}px`;
    } else {
      // Anchored by its bottom edge, so new text that makes it taller grows upwards, away from the badge.
      tip.style.top = 'auto';
      tip.style.bottom = `${window.innerHeight - box.top + GAP}px`;
    }
  };
  const show = (badge: HTMLElement): void => {
    anchor = badge;
    badge.setAttribute('aria-describedby', tip.id);
    place(badge);
  };

  document.addEventListener(
    'focusin',
    (event) => {
      const badge = badgeOf(event.target);
      if (badge) show(badge);
      else hide();
    },
    { signal },
  );
  document.addEventListener('focusout', hide, { signal });
  document.addEventListener(
    'pointerover',
    (event) => {
      if (!event.isTrusted || event.pointerType === 'touch') return;
      const badge = badgeOf(event.target);
      if (badge && badge !== anchor) show(badge);
    },
    { signal },
  );
  document.addEventListener(
    'pointerout',
    (event) => {
      const badge = badgeOf(event.target);
      if (!badge || badge !== anchor || badge.contains(event.relatedTarget as Node | null)) return;
      // The keyboard user's tooltip stays while the badge keeps focus.
      if (document.activeElement !== badge) hide();
    },
    { signal },
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') hide();
    },
    { signal },
  );
  signal.addEventListener('abort', () => tip.remove(), { once: true });

  return {
    refresh(badge) {
      // Text only: this runs among badge writes, where reading layout would lay the whole list out.
      // The badge's size is fixed, so where the tooltip stands still holds.
      if (badge === anchor && !tip.hidden) tip.textContent = badge.getAttribute('aria-description') ?? '';
    },
  };
}
