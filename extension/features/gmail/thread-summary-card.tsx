/**
 * A summary card above an open conversation: the local rules summary at once, replaced by the
 * background's answer (the API's rules or model). New messages in the thread refresh it. Action
 * items become tasks only on the user's click; nothing a mail asks for happens on its own.
 */
import { browser } from 'wxt/browser';
import { LIMITS } from '../../../shared/limits';
import type { ActionItem, ThreadSummaryRequest } from '../../../shared/schemas';
import { summarizeThreadWithRules } from '../../../shared/summary';
import { renderSummaryCard } from '../../components/SummaryCard';
import {
  type CardError,
  EMPTY_CARD,
  isTaskStored,
  parseSummaryAnswer,
  parseTaskTitles,
  type SummaryCardState,
} from '../../components/SummaryCardState';
import { SUMMARY_CARD_CSS } from '../../components/SummaryCardStyles';
import type { Feature } from '../../platform/feature-runner';
import type { RuntimeRequestInput } from '../../platform/messages';
import { observe } from '../../platform/observe';
import { getSetting } from '../../platform/settings';
import type { GmailView } from '../../sites/gmail/detect';
import { type ReadThread, readOpenThread } from '../../sites/gmail/read-thread';
import { GMAIL_THREAD, queryFirst } from '../../sites/gmail/selectors';
import { detectGmailTheme } from '../../sites/gmail/theme';

/** Gmail inserts a message in several mutations; one summary per burst is enough. */
const REFRESH_DEBOUNCE_MS = 400;
const MESSAGE_SELECTOR = GMAIL_THREAD.threadMessage.forms.join(', ');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BACKGROUND_GONE: CardError = {
  code: 'unavailable',
  message: 'the extension background did not answer',
};

async function ask(message: RuntimeRequestInput): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    // The extension was reloaded under this page: the card keeps its local summary.
    return undefined;
  }
}

/** Changes when a message is added, expanded or loads its body; not when Gmail only restyles. */
function messageSignature(element: Element): string {
  const body = queryFirst(element, GMAIL_THREAD.messageBody);
  return `${element.closest('.kv') ? 'c' : 'e'}:${body?.textContent?.length ?? -1}`;
}

function threadFingerprint(thread: ReadThread): string {
  return [thread.subject, ...thread.messages.map((message) => `${message.id}:${message.text.length}`)].join(
    '|',
  );
}

function createHost(
  signal: AbortSignal,
  onAddTask: (item: ActionItem) => void,
): { host: HTMLElement; render: (state: SummaryCardState) => void } {
  const host = document.createElement('div');
  host.dataset.brody = 'thread-summary-card';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = SUMMARY_CARD_CSS;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return { host, render: (state) => renderSummaryCard(mount, state, onAddTask) };
}

/** Above the messages: before the thread container, else before the first message's list. */
function placeHost(host: HTMLElement): void {
  const container =
    queryFirst(document, GMAIL_THREAD.threadContainer) ??
    queryFirst(document, GMAIL_THREAD.threadMessage)?.parentElement;
  const parent = container?.parentElement;
  if (!container || !parent) return;
  if (host.nextElementSibling === container && host.parentElement === parent) return;
  parent.insertBefore(host, container);
}

export const threadSummaryCard: Feature<GmailView> = {
  name: 'thread-summary-card',
  matches: (view) => view.kind === 'thread',
  async init(signal, view) {
    if (view.kind !== 'thread') return;
    const userEmails = (await getSetting('userEmails')).slice(0, 20);
    if (signal.aborted) return;

    const { host, render } = createHost(signal, (item) => addTask(item));
    host.dataset.theme = detectGmailTheme();
    let state: SummaryCardState = EMPTY_CARD;
    const update = (change: Partial<SummaryCardState>): void => {
      if (signal.aborted) return;
      state = { ...state, ...change };
      render(state);
    };

    let thread: ReadThread | null = null;
    let asked = 0;
    let lastFingerprint = '';
    let tasksLoaded = false;

    const addTask = (item: ActionItem): void => {
      if (!thread || state.added.has(item.text) || state.adding.has(item.text)) return;
      update({ adding: new Set(state.adding).add(item.text) });
      const task = {
        title: item.text.trim().slice(0, 300),
        ...(item.owner ? { owner: item.owner.slice(0, LIMITS.nameChars) } : {}),
        ...(item.due && ISO_DATE.test(item.due) ? { due: item.due } : {}),
        threadId: thread.threadId,
        ...(thread.subject ? { subject: thread.subject } : {}),
      };
      void ask({ type: 'add-task', task }).then((raw) => {
        const adding = new Set(state.adding);
        adding.delete(item.text);
        update(isTaskStored(raw) ? { adding, added: new Set(state.added).add(item.text) } : { adding });
      });
    };

    const refresh = (): void => {
      if (signal.aborted) return;
      const read = readOpenThread(document, view.threadId);
      if (!read) return;
      placeHost(host);
      const fingerprint = threadFingerprint(read);
      if (fingerprint === lastFingerprint) return;
      lastFingerprint = fingerprint;
      thread = read;
      const request: ThreadSummaryRequest = {
        threadId: read.threadId,
        subject: read.subject,
        messages: read.messages,
        ai: false,
        userEmails,
      };
      update({
        summary: summarizeThreadWithRules(request),
        origin: 'local',
        pending: true,
        error: null,
        hiddenTextRemoved: read.hiddenTextRemoved,
        invisibleRemoved: read.invisibleRemoved,
      });
      const mine = ++asked;
      void ask({ type: 'summarize-thread', request }).then((raw) => {
        // A newer read of the thread is already on its way; this answer describes an older one.
        if (mine !== asked) return;
        const answer = parseSummaryAnswer(raw);
        if (answer?.ok) update({ summary: answer.summary, origin: 'api', pending: false, error: null });
        else update({ pending: false, error: answer?.error ?? BACKGROUND_GONE });
      });
      if (!tasksLoaded) {
        tasksLoaded = true;
        void ask({ type: 'thread-tasks', threadId: read.threadId }).then((raw) => {
          const titles = parseTaskTitles(raw);
          if (titles.length > 0) update({ added: new Set([...state.added, ...titles]) });
        });
      }
    };

    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleRefresh = (): void => {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
    };
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });

    const signatures = new WeakMap<Element, string>();
    observe(MESSAGE_SELECTOR, scheduleRefresh, {
      signal,
      ignoreNode: (node) => node === host,
      needsHandling: (element) => {
        const signature = messageSignature(element);
        if (signatures.get(element) === signature) return false;
        signatures.set(element, signature);
        return true;
      },
    });
    // The first read needs no debounce: the card should be there as the thread opens.
    refresh();
  },
};
