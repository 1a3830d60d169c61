import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../extension/background/api-client';
import { createCalendarService, mayAskCalendar } from '../../extension/background/calendar/service';
import { BrodyDatabase } from '../../extension/background/db';
import { recordOpenedThread, recordRows } from '../../extension/background/people/record';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import type { SeenEvent } from '../../extension/platform/messages';
import type { Task } from '../../shared/day/model';
import { MessageSummary, ThreadSummaryRequest } from '../../shared/schemas';

const USER = 'pat@brody.test';
const NOW = Date.parse('2026-12-01T08:00:00Z');
let db: BrodyDatabase;
let n = 0;
beforeEach(() => {
  db = new BrodyDatabase(`calendar-service-${++n}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const seen: SeenEvent = {
  id: 'evt1',
  title: 'Q1 planning',
  start: '2026-12-01T10:00:00+01:00',
  end: '2026-12-01T11:00:00+01:00',
  allDay: false,
  timeZone: 'Europe/Paris',
  meetingUrl: 'https://meet.google.com/abc-defg-hij',
  descriptionHidden: false,
  attendees: [
    { email: 'Alice@acme.example', name: 'Alice Chen', response: 'accepted', organizer: true },
    { email: 'bob@acme.example', name: 'Bob Ruiz' },
    { email: USER, name: 'Pat' },
  ],
  attendeeEmails: ['alice@acme.example', 'bob@acme.example', USER],
};

function task(id: string, extra: Partial<Task>): Task {
  return {
    id,
    title: id,
    notes: '',
    priority: 'medium',
    status: 'pending',
    source: { kind: 'manual' },
    proposedBy: 'user',
    people: [],
    order: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

function service() {
  return createCalendarService({
    db,
    userEmails: async () => [USER],
    aiAllowed: async () => false,
    now: () => NOW,
  });
}

describe('the Calendar service', () => {
  it('stores the event, and briefs it with threads, tasks from people and from threads', async () => {
    await recordRows(
      db,
      [
        MessageSummary.parse({
          id: 'r1',
          threadId: 'aaaa1111bbbb2222',
          from: { name: 'Alice', email: 'alice@acme.example' },
          subject: 'Budget',
          snippet: 'Can you send it?',
          date: '2026-12-01T07:00:00Z',
        }),
      ],
      { userEmails: [USER] },
    );
    await recordOpenedThread(
      db,
      ThreadSummaryRequest.parse({
        threadId: 'cccc1111dddd2222',
        subject: 'Hiring',
        messages: [
          {
            id: 'm',
            from: { name: 'Bob', email: 'bob@acme.example' },
            to: [{ name: 'Pat', email: USER }],
            text: 'FYI.',
          },
        ],
      }),
      { userEmails: [USER] },
    );
    await db.tasks.bulkPut([
      task('with-alice', { people: ['alice@acme.example'] }),
      task('from-bob-thread', { threadId: 'cccc1111dddd2222' }),
      task('from-event', { eventId: 'evt1' }),
      task('done', { people: ['alice@acme.example'], status: 'completed' }),
    ]);
    const answer = await service().handle({ type: 'calendar-brief', event: seen });
    if (!('brief' in answer) || !answer.brief) throw new Error('no brief');
    expect(await db.events.get('evt1')).toMatchObject({
      title: 'Q1 planning',
      attendeeEmails: ['alice@acme.example', 'bob@acme.example', USER],
    });
    const [alice, bob] = answer.brief.attendees;
    expect(alice?.threads.map((t) => t.subject)).toEqual(['Budget']);
    expect(alice?.tasks.map((t) => t.id).sort()).toEqual(['from-event', 'with-alice']);
    expect(bob?.tasks.map((t) => t.id).sort()).toEqual(['from-bob-thread', 'from-event']);
    expect(alice?.replies.map((r) => r.direction)).toEqual(['you_owe']);
  });

  it('keeps what an earlier reading knew when the dialog is still a skeleton', async () => {
    await service().handle({ type: 'calendar-brief', event: seen });
    const skeleton: SeenEvent = {
      id: 'evt1',
      title: 'Q1 planning',
      descriptionHidden: false,
      attendees: [],
      attendeeEmails: [],
    };
    const answer = await service().handle({ type: 'calendar-brief', event: skeleton });
    expect('brief' in answer && answer.brief?.attendees.length).toBe(3);
    expect('brief' in answer && answer.brief?.start).toBe(seen.start);
  });

  it('drops a meeting link that is not Meet, Zoom or Teams', async () => {
    await service().handle({ type: 'calendar-brief', event: { ...seen, meetingUrl: 'javascript:alert(1)' } });
    expect((await db.events.get('evt1'))?.meetingUrl).toBeUndefined();
  });

  it('answers with the next meeting when no event is open, and keeps prep', async () => {
    await service().handle({ type: 'calendar-brief', event: seen });
    const prep = await service().handle({
      type: 'set-prep',
      eventId: 'evt1',
      status: 'ready',
      item: { id: 'agenda', done: true },
    });
    expect(prep).toMatchObject({ ok: true, prep: { status: 'ready' } });
    const next = await service().handle({ type: 'calendar-brief' });
    expect('brief' in next && next.brief).toMatchObject({ eventId: 'evt1', prep: { status: 'ready' } });
    expect('brief' in next && next.brief?.prep.checklist.find((item) => item.id === 'agenda')?.done).toBe(
      true,
    );
  });
});

describe('who may ask', () => {
  const origin = 'chrome-extension://abc';
  it('lets the Calendar page and extension pages ask, not Gmail or other sites', async () => {
    expect(mayAskCalendar({ url: 'https://calendar.google.com/calendar/u/0/r' }, origin)).toBe(true);
    expect(mayAskCalendar({ url: `${origin}/popup.html` }, origin)).toBe(true);
    expect(mayAskCalendar({ url: 'https://mail.google.com/mail/u/0/#inbox' }, origin)).toBe(false);
    expect(mayAskCalendar({ url: 'http://calendar.google.com/' }, origin)).toBe(false);
    const route = createRuntimeRouter({
      runtimeId: 'abc',
      extensionOrigin: origin,
      db,
      api: {} as ApiClient,
      apiUrl: async () => '',
      calendar: service(),
    });
    expect(
      await route(
        { type: 'set-prep', eventId: 'evt1', status: 'ready' },
        { id: 'abc', url: 'https://mail.google.com/mail/u/0/' },
      ),
    ).toEqual({ rejected: true, reason: 'sender' });
    expect(
      await route(
        { type: 'set-prep', eventId: 'evt1', status: 'ready' },
        { id: 'abc', url: 'https://calendar.google.com/calendar/r' },
      ),
    ).toMatchObject({ ok: true });
    expect(
      await route(
        { type: 'calendar-brief', event: { ...seen, extra: 1 } },
        { id: 'abc', url: 'https://calendar.google.com/calendar/r' },
      ),
    ).toEqual({ rejected: true, reason: 'shape' });
  });
});
