/**
 * The `gmail.add-task` key, and the browser's add-task command relayed by the background: makes a
 * task from the open thread, or in a list from the row Gmail's cursor is on (else the focused or
 * hovered row, else the one checked row). Only a trusted keypress counts; a page script cannot
 * make tasks by dispatching keys.
 */
import { browser } from 'wxt/browser';
import { ADD_TASK_FROM_PAGE } from '../../platform/command-names';
import type { Feature } from '../../platform/feature-runner';
import { getSetting } from '../../platform/settings';
import { isTypingTarget, matchesChord, shortcutFor } from '../../platform/shortcuts';
import type { GmailView } from '../../sites/gmail/detect';
import { currentThreadRow, groupForRow } from '../../sites/gmail/read';
import { showPageNotice } from './page-notice';
import { sendTask, taskFromOpenThread, taskFromRow } from './task-from-mail';

export const addTaskKey: Feature<GmailView> = {
  name: 'add-task-key',
  matches: (view) => view.kind === 'list' || view.kind === 'thread',
  async init(signal, view) {
    const chord = shortcutFor('gmail', 'gmail.add-task')?.chord;
    const userEmails = await getSetting('userEmails');
    if (signal.aborted) return;

    const addFromPage = async (): Promise<void> => {
      const task =
        view.kind === 'thread'
          ? taskFromOpenThread(view.threadId, userEmails)
          : (() => {
              const row = currentThreadRow();
              const group = row ? groupForRow(row) : null;
              return group ? taskFromRow(group) : null;
            })();
      if (!task) return showPageNotice('No thread to make a task from: open one or move to a row.', signal);
      const stored = await sendTask(task);
      showPageNotice(stored ? `Task added: ${task.title}` : 'Brody could not add the task.', signal);
    };

    if (chord)
      window.addEventListener(
        'keydown',
        (event) => {
          if (!event.isTrusted || event.repeat || isTypingTarget(event.target) || !matchesChord(event, chord))
            return;
          event.preventDefault();
          event.stopPropagation();
          void addFromPage();
        },
        { capture: true, signal },
      );

    const onMessage = (message: unknown): undefined => {
      if ((message as { type?: unknown } | null)?.type === ADD_TASK_FROM_PAGE) void addFromPage();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), {
      once: true,
    });
  },
};
