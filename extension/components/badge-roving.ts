/**
 * The badges of a list are one Tab stop, as the cells of a grid are: one badge has tabindex 0, the
 * others -1, and ArrowUp / ArrowDown / Home / End move between them. Tab then walks past a list of
 * hundreds of rows in one step, and the stop stays on the badge the user last reached.
 */
import { BADGE_CLASS, badgeOf } from './urgency-badge';

export interface BadgeRoving {
  /** Gives a badge placed on the page its tabindex: the stop, when there is none yet, else -1. */
  adopt(badge: HTMLElement): void;
}

const KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

export function installBadgeRoving(signal: AbortSignal): BadgeRoving {
  let stop: HTMLElement | null = null;

  const makeStop = (badge: HTMLElement): void => {
    if (stop && stop !== badge) stop.tabIndex = -1;
    stop = badge;
    badge.tabIndex = 0;
  };

  document.addEventListener(
    'focusin',
    (event) => {
      const badge = badgeOf(event.target);
      if (badge) makeStop(badge);
    },
    { signal },
  );

  // Capture on window: Gmail moves its own row cursor on arrow keys, and a badge's arrows are ours.
  window.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || !KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      const badge = badgeOf(event.target);
      if (!badge) return;
      const badges = Array.from(document.querySelectorAll<HTMLElement>(`.${BADGE_CLASS}`));
      const at = badges.indexOf(badge);
      const next =
        event.key === 'Home'
          ? badges[0]
          : event.key === 'End'
            ? badges[badges.length - 1]
            : badges[at + (event.key === 'ArrowDown' ? 1 : -1)];
      event.preventDefault();
      event.stopPropagation();
      if (!next || next === badge) return;
      makeStop(next);
      next.focus();
    },
    { capture: true, signal },
  );

  return {
    adopt(badge) {
      if (badge === stop) return;
      if (stop?.isConnected) {
        badge.tabIndex = -1;
        return;
      }
      makeStop(badge);
    },
  };
}
