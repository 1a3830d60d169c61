/**
 * The thread summary card, drawn with plain DOM: React would triple the Gmail content script
 * (about 190 KB more), and the card is small. Everything from the mail or the model goes in through
 * textContent or attributes: no HTML, no links, no images, so a smuggled `![x](https://…)` is at
 * worst visible characters, never a request.
 */
import type { ActionItem } from '../../shared/schemas';
import {
  cardNotes,
  dueLabel,
  errorLine,
  messagesLabel,
  type SummaryCardState,
  sourceLabel,
  timeLabel,
} from './SummaryCardState';

type Child = Node | string | null;

function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

function time(iso: string, label: string): HTMLElement {
  return el('time', { datetime: iso }, label);
}

function sourceLine(state: SummaryCardState): HTMLElement | null {
  const { summary } = state;
  if (!summary) return null;
  return el(
    'p',
    { class: 'source', 'data-brody-source': summary.source, 'data-brody-origin': state.origin },
    el('span', { class: 'source-label' }, sourceLabel(summary)),
    state.origin === 'local' ? ' · on this device' : null,
    ` · ${messagesLabel(summary.messageCount)} · `,
    time(summary.at, timeLabel(summary.at)),
  );
}

function actionItemRow(
  item: ActionItem,
  index: number,
  state: SummaryCardState,
  onAddTask: (item: ActionItem) => void,
): HTMLElement {
  const added = state.added.has(item.text);
  const adding = state.adding.has(item.text);
  const button = el(
    'button',
    {
      type: 'button',
      class: 'add-task',
      'aria-label': added ? `Added as a task: ${item.text}` : `Add task: ${item.text}`,
      'data-brody-added': added ? 'true' : 'false',
      'data-brody-item': String(index),
    },
    added ? 'Added ✓' : adding ? 'Adding…' : 'Add task',
  ) as HTMLButtonElement;
  button.disabled = added || adding;
  // Only the user's own click adds a task; a page script dispatching one must not.
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onAddTask(item);
  });
  return el(
    'li',
    { class: 'item' },
    el('span', { class: 'item-text' }, item.text),
    el(
      'span',
      { class: 'item-meta' },
      item.owner ? el('span', { class: 'owner' }, `Owner: ${item.owner}`) : null,
      item.due ? el('span', { class: 'due' }, 'Due ', time(item.due, dueLabel(item.due))) : null,
    ),
    button,
  );
}

function list(className: string, items: readonly string[], label?: string): HTMLElement {
  const attributes: Record<string, string> = { class: className };
  if (label) attributes['aria-label'] = label;
  return el('ul', attributes, ...items.map((item) => el('li', {}, item)));
}

function cardBody(state: SummaryCardState, onAddTask: (item: ActionItem) => void): Child[] {
  const { summary } = state;
  const parts: Child[] = [
    el('header', { class: 'head' }, el('h2', { class: 'title' }, 'Brody summary'), sourceLine(state)),
  ];
  if (state.pending)
    parts.push(
      el(
        'p',
        { class: 'status', role: 'status' },
        summary ? 'Updating from the Brody API…' : 'Reading the thread…',
      ),
    );
  if (state.error)
    parts.push(
      el(
        'p',
        { class: 'error', role: 'alert', 'data-brody-error': state.error.code },
        errorLine(state.error),
      ),
    );
  if (summary?.suspicious)
    parts.push(
      el(
        'p',
        { class: 'warning', role: 'alert', 'data-brody-suspicious': 'true' },
        '⚠ This thread contains instructions aimed at an AI assistant. Brody treated them as plain text and did nothing they ask.',
      ),
    );
  if (summary) {
    parts.push(el('p', { class: 'summary' }, summary.summary || 'Nothing to summarise yet.'));
    if (summary.keyPoints.length > 0)
      parts.push(el('h3', { class: 'section' }, 'Key points'), list('points', summary.keyPoints));
    parts.push(el('h3', { class: 'section' }, 'Action items'));
    parts.push(
      summary.actionItems.length > 0
        ? el(
            'ul',
            { class: 'items' },
            ...summary.actionItems.map((item, index) => actionItemRow(item, index, state, onAddTask)),
          )
        : el('p', { class: 'empty' }, 'No action items in this thread.'),
    );
  }
  const notes = cardNotes(state);
  if (notes.length > 0) parts.push(list('notes', notes, 'Notes'));
  return parts;
}

/** Replaces the card inside `mount`, keeping keyboard focus on the same control across redraws. */
export function renderSummaryCard(
  mount: HTMLElement,
  state: SummaryCardState,
  onAddTask: (item: ActionItem) => void,
): void {
  const root = mount.getRootNode() as Document | ShadowRoot;
  const focused =
    root.activeElement instanceof HTMLElement ? root.activeElement.dataset.brodyItem : undefined;
  const card = el('section', {
    class: 'card',
    'aria-label': 'Brody thread summary',
    'aria-busy': String(state.pending),
  });
  card.append(...cardBody(state, onAddTask).filter((part): part is Node | string => part !== null));
  mount.replaceChildren(card);
  if (focused !== undefined) {
    const again = card.querySelector<HTMLElement>(`[data-brody-item="${focused}"]`);
    // A disabled "Added ✓" cannot hold focus; the card itself keeps the user's place instead.
    if (again && !(again as HTMLButtonElement).disabled) again.focus();
    else {
      card.tabIndex = -1;
      card.focus();
    }
  }
}
