/**
 * A "+ Task" control in each thread row, beside the urgency badge in its own tiny node. It shows on
 * hover or focus; a row whose thread has an open task shows "✓ Task" all the time. Which threads
 * have open tasks comes from extension storage (the background publishes it after every change), so
 * completing a task in the popup clears the marker in every open Gmail tab.
 *
 * Layout: every row's node goes in (with its "+ Task" text) in the task that found the row, so all
 * insertions share one layout of the table with the badges'. Naming the row's thread and subject is
 * done afterwards in slices and writes only attributes, which lay nothing out.
 */
import type { Feature } from '../../platform/feature-runner';
import { observe } from '../../platform/observe';
import { getSetting, watchSetting } from '../../platform/settings';
import { createSlicedQueue } from '../../platform/sliced-queue';
import type { GmailView } from '../../sites/gmail/detect';
import { groupForRow, readRowIdentity, readRowSubject, type ThreadRowGroup } from '../../sites/gmail/read';
import { GMAIL, queryFirst } from '../../sites/gmail/selectors';
import './row-task-button.css';
import { sendTask, taskFromRow } from './task-from-mail';

const ROW_SELECTOR = GMAIL.threadRow.forms.join(', ');
export const TASK_NODE_CLASS = 'brody-task';

function keysOf(group: ThreadRowGroup): string[] {
  const identity = readRowIdentity(group);
  return identity.legacyThreadId ? [identity.id, identity.legacyThreadId] : [identity.id];
}

function nodeIn(group: ThreadRowGroup): HTMLElement | null {
  for (const part of group.parts) {
    const found = part.querySelector<HTMLElement>(`.${TASK_NODE_CLASS}`);
    if (found) return found;
  }
  return null;
}

function createNode(): HTMLElement {
  const node = document.createElement('span');
  node.className = TASK_NODE_CLASS;
  node.dataset.brody = 'task';
  node.dataset.brodyHasTask = 'false';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'brody-task__button';
  button.textContent = '+ Task';
  node.append(button);
  return node;
}

/** Right after the badge when there is one, so the badge keeps its place at the start of the slot. */
function placeNode(group: ThreadRowGroup, node: HTMLElement): void {
  const slot = group.parts.map((part) => queryFirst(part, GMAIL.badgeSlot)).find((found) => found !== null);
  const host = slot ?? group.row;
  const badge = host.querySelector(':scope > .brody-badge');
  if (badge) {
    if (badge.nextElementSibling !== node) badge.after(node);
  } else if (node.parentElement !== host) host.prepend(node);
}

function render(node: HTMLElement, hasTask: boolean, subject: string): void {
  const button = node.querySelector<HTMLButtonElement>('button');
  if (!button) return;
  // Only what differs: an unchanged node costs nothing, a changed attribute costs a style update.
  const has = String(hasTask);
  if (node.dataset.brodyHasTask !== has) node.dataset.brodyHasTask = has;
  const text = hasTask ? '✓ Task' : '+ Task';
  if (button.textContent !== text) button.textContent = text;
  // The subject is set as an attribute value, never parsed: untrusted text stays text.
  const label = hasTask ? `Has an open task: ${subject}` : `Make a task from: ${subject}`;
  if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
  if (button.getAttribute('aria-pressed') !== has) button.setAttribute('aria-pressed', has);
}

export const rowTaskButton: Feature<GmailView> = {
  name: 'row-task-button',
  matches: (view) => view.kind === 'list',
  async init(signal) {
    let open = new Set(await getSetting('openTaskThreads'));
    if (signal.aborted) return;
    const nodes = new Map<HTMLElement, { keys: string[]; subject: string }>();
    const hasTask = (keys: readonly string[]) => keys.some((key) => open.has(key));

    // Every node put on the page, for the cleanup when this run ends.
    const placed = new Set<HTMLElement>();
    // Rows whose node is in place and whose thread and subject are still to be named.
    const queued = new WeakSet<HTMLElement>();
    const place = (row: HTMLElement): void => {
      const group = groupForRow(row);
      if (!group) return;
      const node = nodeIn(group) ?? createNode();
      placeNode(group, node);
      placed.add(node);
      queued.add(row);
      queue.push(row);
    };
    const name = (row: HTMLElement): void => {
      queued.delete(row);
      const group = row.isConnected ? groupForRow(row) : null;
      const node = group ? nodeIn(group) : null;
      if (!group || !node) return;
      const subject = readRowSubject(group);
      if (subject === null) {
        nodes.delete(node);
        placed.delete(node);
        node.remove();
        return;
      }
      const keys = keysOf(group);
      if (node.dataset.brodyThread !== keys[0]) node.dataset.brodyThread = keys[0];
      nodes.set(node, { keys, subject });
      render(node, hasTask(keys), subject);
    };
    const queue = createSlicedQueue<HTMLElement>({ signal, process: name });

    watchSetting(
      'openTaskThreads',
      (next) => {
        open = new Set(next);
        for (const [node, { keys, subject }] of nodes) {
          if (node.isConnected) render(node, hasTask(keys), subject);
          else {
            nodes.delete(node);
            placed.delete(node);
          }
        }
      },
      signal,
    );

    // One listener for every row's button; Gmail must not also open the thread on this click.
    const onClick = (event: MouseEvent): void => {
      const button = (event.target as Element | null)?.closest?.('.brody-task__button');
      if (!button) return;
      event.preventDefault();
      event.stopPropagation();
      if (!event.isTrusted) return;
      const row = button.closest<HTMLElement>(ROW_SELECTOR);
      const group = row ? groupForRow(row) : null;
      const node = button.closest<HTMLElement>(`.${TASK_NODE_CLASS}`);
      if (!group || !node || node.dataset.brodyHasTask === 'true') return;
      const task = taskFromRow(group);
      if (task) void sendTask(task);
    };
    document.addEventListener('click', onClick, { capture: true, signal });
    for (const type of ['mousedown', 'mouseup'] as const)
      document.addEventListener(
        type,
        (event) => {
          if ((event.target as Element | null)?.closest?.('.brody-task__button')) event.stopPropagation();
        },
        { capture: true, signal },
      );
    signal.addEventListener('abort', () => {
      for (const node of placed) node.remove();
    });

    queue.afterPaint();
    observe(ROW_SELECTOR, (row) => row instanceof HTMLElement && place(row), {
      signal,
      ignoreNode: (node) => node instanceof HTMLElement && node.dataset.brody !== undefined,
      needsHandling: (row) => {
        if (!(row instanceof HTMLElement) || queued.has(row)) return false;
        const group = groupForRow(row);
        if (!group) return false;
        const node = nodeIn(group);
        return !node || node.dataset.brodyThread !== readRowIdentity(group).id;
      },
    });
  },
};
