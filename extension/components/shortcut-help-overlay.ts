/**
 * The keyboard help as an overlay on Google's pages: a shadow root on document.body that Gmail's
 * and Calendar's CSS cannot reach. Plain DOM (no React) so content scripts stay small; both sites'
 * content scripts mount it. Text is set with textContent only.
 */
import { type HelpGroup, shortcutHelpGroups } from './shortcut-help-rows';

export const HELP_HOST_ATTRIBUTE = 'data-brody-help';

const CSS = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483002; background: rgb(0 0 0 / 40%);
  display: flex; align-items: center; justify-content: center; font: 13px/1.4 system-ui, sans-serif; }
[role=dialog] { max-width: 520px; max-height: 80vh; overflow: auto; padding: 16px 20px; border-radius: 8px;
  background: #fff; color: #202124; box-shadow: 0 4px 16px rgb(0 0 0 / 40%); }
:host([data-theme=dark]) [role=dialog] { background: #2d2e31; color: #e8eaed; }
h2 { font-size: 16px; margin: 0 0 8px; } h3 { font-size: 13px; margin: 12px 0 4px; }
dl { margin: 0; } .row { display: flex; gap: 12px; padding: 2px 0; } dt { flex: none; width: 110px; } dd { margin: 0; }
kbd { font: 12px ui-monospace, monospace; padding: 0 4px; border: 1px solid #9aa0a6; border-radius: 3px; }
.close { float: right; border: 0; background: none; font: inherit; font-size: 16px; color: inherit; cursor: pointer; }
.hint { margin: 12px 0 0; color: #5f6368; font-size: 12px; }
`;

function renderGroups(groups: HelpGroup[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const group of groups) {
    const heading = document.createElement('h3');
    heading.textContent = group.title;
    const list = document.createElement('dl');
    list.setAttribute('aria-label', group.title);
    for (const row of group.rows) {
      const line = document.createElement('div');
      line.className = 'row';
      const term = document.createElement('dt');
      const key = document.createElement('kbd');
      key.textContent = row.keys;
      term.append(key);
      const what = document.createElement('dd');
      what.textContent = row.description;
      line.append(term, what);
      list.append(line);
    }
    fragment.append(heading, list);
  }
  return fragment;
}

export interface ShortcutHelp {
  readonly isOpen: () => boolean;
  open(bound?: Readonly<Record<string, string>>): void;
  close(): void;
  toggle(bound?: Readonly<Record<string, string>>): void;
}

/** One overlay per page run; removed when `signal` aborts. */
export function createShortcutHelp(signal: AbortSignal, theme: 'light' | 'dark' = 'light'): ShortcutHelp {
  let host: HTMLElement | null = null;
  let returnFocus: Element | null = null;

  const close = (): void => {
    host?.remove();
    host = null;
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
    returnFocus = null;
  };

  const open = (bound: Readonly<Record<string, string>> = {}): void => {
    if (host || signal.aborted) return;
    returnFocus = document.activeElement;
    host = document.createElement('div');
    host.setAttribute(HELP_HOST_ATTRIBUTE, '');
    host.dataset.brody = 'shortcut-help';
    host.dataset.theme = theme;
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CSS;
    const backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'brody-help-title');
    dialog.tabIndex = -1;
    const closeButton = document.createElement('button');
    closeButton.type = 'button';
    closeButton.className = 'close';
    closeButton.setAttribute('aria-label', 'Close keyboard shortcuts');
    closeButton.textContent = '✕';
    closeButton.addEventListener('click', close);
    const title = document.createElement('h2');
    title.id = 'brody-help-title';
    title.textContent = 'Brody keyboard shortcuts';
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Browser keys can be changed at chrome://extensions/shortcuts. Esc closes.';
    dialog.append(closeButton, title, renderGroups(shortcutHelpGroups(bound)), hint);
    backdrop.append(dialog);
    backdrop.addEventListener('click', (event) => {
      if (event.target === backdrop) close();
    });
    // Escape belongs to the overlay while it is open; Gmail would otherwise leave the thread.
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      close();
    });
    shadow.append(style, backdrop);
    document.body.append(host);
    dialog.focus();
  };

  signal.addEventListener('abort', () => host?.remove(), { once: true });
  return {
    isOpen: () => host !== null,
    open,
    close,
    toggle: (bound) => (host ? close() : open(bound)),
  };
}
