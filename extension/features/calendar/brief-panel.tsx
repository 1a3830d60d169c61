/**
 * The meeting brief panel: a fixed panel on the right, in Brody's own host on document.body, never
 * inside Calendar's dialog (Calendar deletes foreign nodes in its sections as they load). It shows
 * the local brief of the open event at once, then the model's agenda when the user allows AI; with
 * no event open, the next meeting. Shift+B (trusted keys only) and the browser command toggle it.
 */
import { browser } from 'wxt/browser';
import type { Brief } from '../../../shared/brief/types';
import type { PrepStatus } from '../../../shared/day/model';
import type { Feature } from '../../platform/feature-runner';
import type { RuntimeRequestInput } from '../../platform/messages';
import { observe } from '../../platform/observe';
import { getSetting, setSetting, watchSetting } from '../../platform/settings';
import { isTypingTarget, matchesChord, shortcutFor } from '../../platform/shortcuts';
import { type CalendarView, showsEvents } from '../../sites/calendar/detect';
import { BRIEF_PANEL_CSS } from './brief-styles';
import { el, renderBrief } from './brief-view';
import { currentView, readOpenEvent, whenOpenEventChanges } from './open-event';

const TOGGLE = shortcutFor('calendar', 'calendar.toggle-brief')?.chord;

interface BriefAnswer {
  ok: true;
  brief: Brief | null;
  aiPending: boolean;
}

function isBriefAnswer(raw: unknown): raw is BriefAnswer {
  const answer = raw as Partial<BriefAnswer> | undefined;
  return (
    answer?.ok === true &&
    'brief' in answer &&
    (answer.brief === null || typeof answer.brief?.eventId === 'string')
  );
}

async function ask(message: RuntimeRequestInput): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    // The extension was reloaded under this page: the panel keeps what it shows.
    return undefined;
  }
}

function createHost(signal: AbortSignal) {
  document.querySelector('[data-brody-panel="brief"]')?.remove();
  const host = document.createElement('div');
  host.dataset.brodyPanel = 'brief';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BRIEF_PANEL_CSS;
  const toggle = el('button', { type: 'button', 'data-brody-toggle': '' });
  const mount = el('div', { class: 'body', role: 'region', 'aria-label': 'Meeting brief' });
  const panel = el(
    'aside',
    { class: 'panel', 'aria-label': 'Brody meeting brief' },
    el('header', {}, el('h2', {}, 'Brody · Meeting brief'), toggle),
    mount,
  );
  shadow.append(style, panel);
  document.body.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  const setOpen = (open: boolean) => {
    panel.dataset.open = String(open);
    host.dataset.open = String(open);
    toggle.textContent = open ? 'Hide' : 'Show brief';
    toggle.setAttribute('aria-label', open ? 'Hide the meeting brief' : 'Show the meeting brief');
    toggle.setAttribute('aria-expanded', String(open));
  };
  return { host, toggle, mount, setOpen };
}

async function init(signal: AbortSignal): Promise<void> {
  const ui = createHost(signal);
  let open = await getSetting('briefPanelOpen');
  ui.setOpen(open);
  const setOpen = (next: boolean) => {
    open = next;
    ui.setOpen(next);
    void setSetting('briefPanelOpen', next).catch(() => undefined);
  };
  watchSetting(
    'briefPanelOpen',
    (value) => {
      open = value;
      ui.setOpen(value);
    },
    signal,
  );
  ui.toggle.addEventListener('click', (event) => event.isTrusted && setOpen(!open), { signal });
  document.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || !TOGGLE || isTypingTarget(event.target) || !matchesChord(event, TOGGLE)) return;
      event.preventDefault();
      setOpen(!open);
    },
    { signal, capture: true },
  );
  const onCommand = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return;
    if ((message as { type?: unknown })?.type === 'toggle-brief') setOpen(!open);
  };
  browser.runtime.onMessage.addListener(onCommand);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onCommand), { once: true });

  let shown: { brief: Brief | null; origin: string } = { brief: null, origin: 'next' };
  let sequence = 0;
  const draw = () =>
    renderBrief(ui.mount, shown.brief, shown.origin, {
      onPrepStatus: (status: PrepStatus) => void changePrep({ status }),
      onChecklist: (id, done) => void changePrep({ item: { id, done } }),
      onRefresh: () => void refresh(true),
      onJoin: (url) => window.open(url, '_blank', 'noopener,noreferrer'),
    });
  const show = (answer: unknown, origin: string, ticket: number): answer is BriefAnswer => {
    if (signal.aborted || ticket !== sequence || !isBriefAnswer(answer)) return false;
    shown = { brief: answer.brief, origin };
    draw();
    return true;
  };
  const askAi = async (eventId: string, origin: string, ticket: number, force: boolean) => {
    show(await ask({ type: 'calendar-ai-brief', eventId, force }), origin, ticket);
  };
  const refresh = async (force = false) => {
    const ticket = ++sequence;
    const current = readOpenEvent(currentView());
    const origin = current?.where ?? 'next';
    const answer = await ask(
      current ? { type: 'calendar-brief', event: current.event } : { type: 'calendar-brief' },
    );
    if (show(answer, origin, ticket) && answer.brief && (answer.aiPending || force))
      await askAi(answer.brief.eventId, origin, ticket, force);
  };
  const changePrep = async (change: { status?: PrepStatus; item?: { id: string; done: boolean } }) => {
    const eventId = shown.brief?.eventId;
    if (!eventId) return;
    const answer = (await ask({ type: 'set-prep', eventId, ...change })) as
      | { ok?: boolean; prep?: Brief['prep'] }
      | undefined;
    if (answer?.ok && answer.prep && shown.brief?.eventId === eventId) {
      shown = {
        ...shown,
        brief: { ...shown.brief, prep: { status: answer.prep.status, checklist: answer.prep.checklist } },
      };
      draw();
    }
  };

  draw();
  observe('body', () => void refresh(), {
    signal,
    needsHandling: whenOpenEventChanges(),
    ignoreNode: (node) => node === ui.host,
  });
}

export const briefPanel: Feature<CalendarView> = {
  name: 'calendar-brief-panel',
  matches: showsEvents,
  init,
};
