/**
 * The menu that corrects a badge: pick who the correction covers, then high / medium / low. Plain
 * DOM with brody- classes on <body> (fixed position, since Gmail's cells clip overflow), below the
 * badge's row or, when it does not fit there, above it, so the row is never covered. Keyboard
 * first: arrows move, Enter or Space picks, Escape or Tab closes and focus returns to the badge.
 * Sender and topic reach the page as text only.
 */
import type { Urgency } from '../../shared/schemas';
import { displayText } from './display-text';

export type CorrectionScope = 'sender' | 'sender-topic';

export interface CorrectionMenuOptions {
  anchor: HTMLElement;
  sender: string;
  /** Topic words a sender+topic rule would store; empty → that choice is not offered. */
  topic: readonly string[];
  current: Urgency;
  onPick(urgency: Urgency, scope: CorrectionScope): void;
}

export const MENU_CLASS = 'brody-menu';
const URGENCY_CHOICES: readonly Urgency[] = ['high', 'medium', 'low'];
const GAP = 4;

let openMenu: { close(restoreFocus: boolean): void } | null = null;

export function closeCorrectionMenu(): void {
  openMenu?.close(false);
}

function item(role: string, text: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `${MENU_CLASS}__item`;
  button.setAttribute('role', role);
  button.tabIndex = -1;
  button.textContent = text;
  return button;
}

export function openCorrectionMenu(options: CorrectionMenuOptions): void {
  openMenu?.close(false);
  const sender = displayText(options.sender, 120);
  const menu = document.createElement('div');
  menu.className = MENU_CLASS;
  menu.dataset.brody = 'menu';
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', `Correct urgency for mail from ${sender}`);

  const heading = document.createElement('div');
  heading.className = `${MENU_CLASS}__heading`;
  heading.setAttribute('role', 'presentation');
  heading.textContent = 'Applies to';
  menu.append(heading);

  let scope: CorrectionScope = 'sender';
  const scopeItems: HTMLButtonElement[] = [];
  const addScope = (value: CorrectionScope, text: string): void => {
    const button = item('menuitemradio', text);
    button.dataset.brodyScope = value;
    button.setAttribute('aria-checked', String(value === scope));
    button.addEventListener('click', (event) => {
      // A script in the page can dispatch clicks; only the user's own may steer a correction.
      if (!event.isTrusted) return;
      scope = value;
      for (const other of scopeItems) other.setAttribute('aria-checked', String(other === button));
    });
    scopeItems.push(button);
    menu.append(button);
  };
  addScope('sender', `this sender (${sender})`);
  const topic = options.topic.map((word) => displayText(word, 60)).join(' ');
  if (topic) addScope('sender-topic', `this sender + topic “${topic}”`);

  const separator = document.createElement('div');
  separator.setAttribute('role', 'separator');
  separator.className = `${MENU_CLASS}__separator`;
  menu.append(separator);

  const urgencyItems = URGENCY_CHOICES.map((urgency) => {
    const button = item('menuitem', `Mark ${urgency}${urgency === options.current ? ' (now)' : ''}`);
    button.dataset.brodyPick = urgency;
    button.addEventListener('click', (event) => {
      // A synthetic click here would store a learned rule the user never made.
      if (!event.isTrusted) return;
      close(true);
      options.onPick(urgency, scope);
    });
    menu.append(button);
    return button;
  });

  const items = [...scopeItems, ...urgencyItems];
  const listeners = new AbortController();
  const close = (restoreFocus: boolean): void => {
    if (openMenu !== handle) return;
    openMenu = null;
    listeners.abort();
    menu.remove();
    if (restoreFocus) options.anchor.focus();
  };
  const handle = { close };

  menu.addEventListener(
    'keydown',
    (event) => {
      // Gmail listens for single keys on the document; nothing typed in the menu may reach it.
      event.stopPropagation();
      if (!event.isTrusted) return;
      const index = items.indexOf(document.activeElement as HTMLButtonElement);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        items[(index + step + items.length) % items.length]?.focus();
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        (event.key === 'Home' ? items[0] : items[items.length - 1])?.focus();
      } else if (event.key === 'Escape' || event.key === 'Tab') {
        event.preventDefault();
        close(true);
      }
    },
    { signal: listeners.signal },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (event.target instanceof Node && !menu.contains(event.target)) close(false);
    },
    { capture: true, signal: listeners.signal },
  );

  const badge = options.anchor.getBoundingClientRect();
  // The whole row stays in sight, not only the badge: the user checks which mail they correct.
  const row = (options.anchor.closest('tr') ?? options.anchor).getBoundingClientRect();
  const top = Math.min(row.top, badge.top);
  const bottom = Math.max(row.bottom, badge.bottom);
  menu.style.visibility = 'hidden';
  document.body.append(menu);
  // Opened by a click or a key, never while rows are decorated: this one layout read is the user's.
  const size = menu.getBoundingClientRect();
  const fitsBelow = bottom + GAP + size.height <= window.innerHeight;
  const fitsAbove = top - GAP - size.height >= 0;
  const menuTop = fitsBelow || !fitsAbove ? bottom + GAP : top - GAP - size.height;
  menu.style.left = `${Math.max(GAP, Math.min(badge.left, window.innerWidth - size.width - GAP))}px`;
  menu.style.top = `${Math.max(GAP, menuTop)}px`;
  menu.style.visibility = '';
  openMenu = handle;
  urgencyItems[0]?.focus();
}
