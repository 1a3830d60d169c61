/**
 * One tooltip element per page run, shown when a badge gets keyboard focus (mouse users get the
 * native `title`). It lives on <body> with fixed position because Gmail's cells clip overflow.
 */
import { BADGE_CLASS } from './urgency-badge';

export function installBadgeTooltip(signal: AbortSignal): void {
  const tip = document.createElement('div');
  tip.className = 'brody-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.id = 'brody-tooltip';
  tip.hidden = true;
  tip.dataset.brody = 'tooltip';
  document.body.append(tip);

  const hide = (): void => {
    tip.hidden = true;
  };
  document.addEventListener(
    'focusin',
    (event) => {
      const badge = event.target instanceof HTMLElement ? event.target.closest(`.${BADGE_CLASS}`) : null;
      if (!(badge instanceof HTMLElement)) return hide();
      tip.textContent = badge.title;
      const box = badge.getBoundingClientRect();
      tip.style.left = `${Math.max(4, box.left)}px`;
      tip.style.top = `${box.bottom + 4}px`;
      badge.setAttribute('aria-describedby', tip.id);
      tip.hidden = false;
    },
    { signal },
  );
  document.addEventListener('focusout', hide, { signal });
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') hide();
    },
    { signal },
  );
  signal.addEventListener('abort', () => tip.remove(), { once: true });
}
