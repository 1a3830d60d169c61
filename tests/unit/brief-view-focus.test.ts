// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderBrief } from '../../extension/features/calendar/brief-view';
import { buildBrief } from '../../shared/brief';
import type { CalendarEvent } from '../../shared/day/model';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const event: CalendarEvent = {
  id: 'evt1',
  title: 'Q1 planning',
  start: '2026-12-01T10:00:00+01:00',
  end: '2026-12-01T11:00:00+01:00',
  allDay: false,
  attendees: [{ email: 'alice@acme.example', name: 'Alice Chen', response: 'accepted' }],
  attendeeEmails: ['alice@acme.example'],
  seenAt: NOW,
};
const brief = (done: boolean) =>
  buildBrief({
    event,
    userEmails: ['pat@brody.test'],
    threadsByEmail: new Map(),
    tasks: [],
    replies: [],
    now: NOW,
    prep: {
      eventId: 'evt1',
      status: 'not_started',
      checklist: [{ id: 'threads', text: 'Read the threads', done }],
      updatedAt: NOW,
    },
  });
const actions = { onPrepStatus() {}, onChecklist() {}, onRefresh() {}, onJoin() {} };

describe('the brief panel keeps the keyboard user’s place', () => {
  it('a re-render gives focus back to the same control, which is a new element', () => {
    const mount = document.createElement('div');
    document.body.append(mount);
    renderBrief(mount, brief(false), 'open', actions);
    const before = mount.querySelector<HTMLElement>('[data-brody-prep="status"]');
    before?.focus();
    expect(document.activeElement).toBe(before);

    // Ticking the checklist writes the prep record, and the panel is drawn again from it.
    renderBrief(mount, brief(true), 'open', actions);
    const after = mount.querySelector<HTMLElement>('[data-brody-prep="status"]');
    expect(after).not.toBe(before);
    expect(document.activeElement).toBe(after);

    mount.querySelector<HTMLElement>('[data-brody-check="threads"]')?.focus();
    renderBrief(mount, brief(true), 'open', actions);
    expect(document.activeElement?.getAttribute('data-brody-check')).toBe('threads');
  });

  it('takes no focus when none of its controls had it', () => {
    const mount = document.createElement('div');
    const outside = document.createElement('button');
    document.body.append(mount, outside);
    outside.focus();
    renderBrief(mount, brief(false), 'open', actions);
    renderBrief(mount, brief(true), 'open', actions);
    expect(document.activeElement).toBe(outside);
  });
});
