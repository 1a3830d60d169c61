/**
 * Draws a brief into the panel with plain DOM. Everything that came from the event or from mail goes
 * in through textContent; the only links are Gmail thread links Brody built from thread ids, and the
 * meeting link opens only from the user's own click on the Join button.
 */
import type { Brief, BriefAttendee } from '../../../shared/brief/types';
import type { PrepStatus } from '../../../shared/day/model';

type Child = Node | string | null | false;

export function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

export interface BriefViewActions {
  onPrepStatus(status: PrepStatus): void;
  onChecklist(id: string, done: boolean): void;
  onRefresh(): void;
  onJoin(url: string): void;
}

const RESPONSE_LABEL = {
  accepted: 'going',
  declined: 'not going',
  tentative: 'maybe',
  needs_action: 'no answer yet',
};
const AGENDA_FROM = {
  description: 'from the event description (shown as written)',
  threads: 'proposed from recent threads',
  ai: 'proposed by AI',
  none: '',
};
const STATUS_LABEL: Record<PrepStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  ready: 'Ready',
};

function whenLine(brief: Brief): string {
  if (!brief.start) return 'Time not shown on this page';
  const start = new Date(brief.start);
  const day = start.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
  if (brief.allDay) return `${day} · all day`;
  const time = (date: Date) => date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const end = brief.end ? `–${time(new Date(brief.end))}` : '';
  return `${day} · ${time(start)}${end}${brief.timeZone ? ` (${brief.timeZone})` : ''}`;
}

function dateLabel(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function attendeeItem(attendee: BriefAttendee): HTMLElement {
  const who = attendee.name ? `${attendee.name} <${attendee.email}>` : attendee.email;
  const meta = [
    attendee.organizer ? 'organizer' : '',
    attendee.response ? RESPONSE_LABEL[attendee.response] : '',
    attendee.isUser ? 'you' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const threads = attendee.threads.map((thread) => {
    const label = `${thread.subject || '(no subject)'} · ${dateLabel(thread.date)}${thread.urgency ? ` · ${thread.urgency}` : ''}`;
    const body = thread.link
      ? el(
          'a',
          {
            href: thread.link,
            target: '_blank',
            rel: 'noopener noreferrer',
            'aria-label': `Open thread: ${thread.subject}`,
          },
          label,
        )
      : label;
    return el(
      'li',
      { 'data-brody-thread': thread.id, class: thread.urgency === 'high' ? 'urgency-high' : '' },
      body,
    );
  });
  const tasks = attendee.tasks.map((task) =>
    el(
      'li',
      { 'data-brody-task': task.id },
      `Task: ${task.title}${task.due ? ` (due ${task.due.slice(0, 10)})` : ''}`,
    ),
  );
  const replies = attendee.replies.map((reply) =>
    el(
      'li',
      { 'data-brody-reply': reply.direction },
      reply.direction === 'you_owe'
        ? `You owe a reply: ${reply.subject}`
        : `Waiting on them: ${reply.subject}`,
    ),
  );
  return el(
    'li',
    { class: 'attendee', 'data-brody-attendee': attendee.email },
    el('div', { class: 'who' }, who),
    meta && el('div', { class: 'muted' }, meta),
    threads.length > 0 &&
      el('ul', { 'aria-label': `Recent threads with ${attendee.name || attendee.email}` }, ...threads),
    tasks.length > 0 &&
      el('ul', { 'aria-label': `Open tasks with ${attendee.name || attendee.email}` }, ...tasks),
    replies.length > 0 &&
      el('ul', { 'aria-label': `Replies owed with ${attendee.name || attendee.email}` }, ...replies),
  );
}

function flags(brief: Brief): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (brief.flags.injection)
    notes.push(
      el(
        'div',
        { class: 'flag', role: 'note', 'data-brody-flag': 'injection' },
        'The description contains text addressed to an AI assistant. Brody shows it as data and does not act on it:',
        ...brief.flags.flaggedLines.map((line) => el('q', {}, line)),
      ),
    );
  if (brief.flags.hiddenTextRemoved)
    notes.push(
      el(
        'div',
        { class: 'flag', role: 'note', 'data-brody-flag': 'hidden' },
        'Hidden text in the description was left out.',
      ),
    );
  return notes;
}

function prepSection(brief: Brief, actions: BriefViewActions): HTMLElement {
  const select = el('select', {
    'aria-label': 'Preparation status',
    'data-brody-prep': 'status',
  }) as HTMLSelectElement;
  for (const [value, label] of Object.entries(STATUS_LABEL)) select.append(el('option', { value }, label));
  select.value = brief.prep.status;
  select.addEventListener('change', (event) => {
    if (event.isTrusted) actions.onPrepStatus(select.value as PrepStatus);
  });
  const items = brief.prep.checklist.map((item) => {
    const box = el('input', { type: 'checkbox', 'data-brody-check': item.id }) as HTMLInputElement;
    box.checked = item.done;
    box.addEventListener('change', (event) => {
      if (event.isTrusted) actions.onChecklist(item.id, box.checked);
    });
    return el('li', { style: 'list-style:none;margin-left:-18px' }, el('label', {}, box, ` ${item.text}`));
  });
  return el(
    'section',
    { 'aria-label': 'Preparation' },
    el('h4', {}, 'Preparation'),
    el('label', {}, 'Status ', select),
    el('ul', {}, ...items),
  );
}

/**
 * The control that has focus inside `mount`, as a selector by its `data-brody-*` attribute, so a
 * re-render can give focus back to the same control: the brief re-renders whenever its data moves
 * (a checklist tick, a thread Gmail just showed), and a keyboard user must not lose their place.
 */
function focusedControl(mount: HTMLElement): string | null {
  const active = (mount.getRootNode() as Document | ShadowRoot).activeElement;
  if (!active || !mount.contains(active)) return null;
  const attribute = Array.from(active.attributes).find((attr) => attr.name.startsWith('data-brody-'));
  return attribute ? `[${attribute.name}="${CSS.escape(attribute.value)}"]` : null;
}

export function renderBrief(
  mount: HTMLElement,
  brief: Brief | null,
  origin: string,
  actions: BriefViewActions,
): void {
  const focused = focusedControl(mount);
  draw(mount, brief, origin, actions);
  if (focused) mount.querySelector<HTMLElement>(focused)?.focus();
}

function draw(mount: HTMLElement, brief: Brief | null, origin: string, actions: BriefViewActions): void {
  if (!brief) {
    mount.replaceChildren(
      el('p', { class: 'muted' }, 'No upcoming meeting seen yet. Open an event to see its brief.'),
    );
    return;
  }
  const join = brief.meetingUrl
    ? el(
        'button',
        { type: 'button', 'data-brody-join': '', 'aria-label': 'Join the meeting' },
        'Join meeting',
      )
    : null;
  join?.addEventListener('click', (event) => {
    if (event.isTrusted && brief.meetingUrl) actions.onJoin(brief.meetingUrl);
  });
  const refresh = el('button', { type: 'button', 'data-brody-refresh': '' }, 'Refresh brief');
  refresh.addEventListener('click', (event) => {
    if (event.isTrusted) actions.onRefresh();
  });
  const source = brief.source.kind === 'ai' ? `AI · ${brief.source.model}` : 'Rules · on this device';
  const parts: Child[] = [
    el(
      'p',
      { class: 'muted', 'data-brody-origin': origin },
      origin === 'next' ? 'Next meeting' : 'Open event',
    ),
    el('h3', { 'data-brody-title': '' }, brief.title),
    el('p', { 'data-brody-when': '' }, whenLine(brief), brief.startsIn ? ` · ${brief.startsIn}` : ''),
    brief.location ? el('p', { 'data-brody-where': '' }, `Where: ${brief.location}`) : null,
    join,
    ...flags(brief),
    el('h4', {}, 'Agenda'),
    brief.agenda.items.length > 0
      ? el(
          'div',
          {},
          el('p', { class: 'muted' }, AGENDA_FROM[brief.agenda.from]),
          el(
            'ul',
            { 'aria-label': 'Agenda', 'data-brody-agenda': brief.agenda.from },
            ...brief.agenda.items.map((item) => el('li', {}, item)),
          ),
        )
      : el('p', { class: 'muted' }, 'No agenda yet.'),
    brief.talkingPoints.length > 0 && el('h4', {}, 'Talking points'),
    brief.talkingPoints.length > 0 &&
      el(
        'ul',
        { 'aria-label': 'Talking points' },
        ...brief.talkingPoints.map((point) => el('li', {}, point)),
      ),
    el('h4', {}, `Attendees (${brief.attendees.length})`),
    el('ul', { 'aria-label': 'Attendees' }, ...brief.attendees.map(attendeeItem)),
    prepSection(brief, actions),
    el(
      'p',
      { class: 'source', 'data-brody-source': brief.source.kind },
      `${source} · ${new Date(brief.at).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}`,
      refresh,
    ),
  ];
  mount.replaceChildren(...parts.filter((part): part is Node | string => Boolean(part)));
}
