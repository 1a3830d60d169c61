import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrodyDatabase } from '../../extension/background/db';
import { asksSomething } from '../../extension/background/people/asks';
import { correspondents, repliesOwed, threadsWith } from '../../extension/background/people/queries';
import { isSentView, recordOpenedThread, recordRows } from '../../extension/background/people/record';
import { MessageSummary, ThreadSummaryRequest } from '../../shared/schemas';

const USER = 'pat@brody.test';
let db: BrodyDatabase;
let name = 0;

beforeEach(() => {
  db = new BrodyDatabase(`people-${++name}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const row = (id: string, from: string, subject: string, snippet: string, date: string) =>
  MessageSummary.parse({
    id: `1789${id}`,
    threadId: id,
    from: { name: from.split('@')[0], email: from },
    subject,
    snippet,
    date,
    unread: true,
  });

describe('threads seen in Gmail', () => {
  it('records rows by thread id with the sender as participant', async () => {
    await recordRows(
      db,
      [
        row(
          'aaaa1111bbbb2222',
          'Alice@acme.example',
          'Q1 budget',
          'Could you send the numbers?',
          '2026-12-01T07:00:00Z',
        ),
      ],
      { userEmails: [USER], now: 1 },
    );
    const [stored] = await db.threads.toArray();
    expect(stored).toMatchObject({
      id: 'aaaa1111bbbb2222',
      rowId: '1789aaaa1111bbbb2222',
      participants: ['alice@acme.example'],
      asksUser: true,
      awaitingThem: false,
      lastFromUser: false,
      unread: true,
    });
    expect(stored?.urgency).toBeDefined();
  });

  it('counts Sent rows as the user writing', async () => {
    expect(isSentView('https://mail.google.com/mail/u/0/#sent')).toBe(true);
    expect(isSentView('https://mail.google.com/mail/u/0/#inbox')).toBe(false);
    await recordRows(
      db,
      [
        row(
          'cccc1111bbbb2222',
          'bob@acme.example',
          'Hiring plan',
          'Can you review the plan by Friday?',
          '2026-12-01T07:00:00Z',
        ),
      ],
      { userEmails: [USER], sentView: true },
    );
    expect(await db.threads.get('cccc1111bbbb2222')).toMatchObject({
      participants: ['bob@acme.example'],
      lastFromUser: true,
      awaitingThem: true,
      asksUser: false,
      lastFrom: USER,
    });
  });

  it('an opened thread decides who owes whom, and an older row does not undo it', async () => {
    const request = ThreadSummaryRequest.parse({
      threadId: 'aaaa1111bbbb2222',
      subject: 'Q1 budget',
      messages: [
        {
          id: 'm1',
          from: { name: 'Alice', email: 'alice@acme.example' },
          to: [{ name: 'Pat', email: USER }],
          date: '2026-12-01T07:00:00Z',
          text: 'Could you send the numbers?',
        },
        {
          id: 'm2',
          from: { name: 'Pat', email: USER },
          to: [
            { name: 'Alice', email: 'alice@acme.example' },
            { name: 'Carol', email: 'carol@acme.example' },
          ],
          date: '2026-12-01T08:00:00Z',
          text: 'Here they are. Can you confirm by noon?\n\nOn Tue, Dec 1, 2026 at 7:00 AM Alice wrote:\n> Could you send the numbers?',
        },
      ],
    });
    await recordOpenedThread(db, request, { userEmails: [USER] });
    await recordRows(
      db,
      [
        row(
          'aaaa1111bbbb2222',
          'alice@acme.example',
          'Q1 budget',
          'Could you send the numbers?',
          '2026-12-01T07:00:00Z',
        ),
      ],
      { userEmails: [USER] },
    );
    expect(await db.threads.get('aaaa1111bbbb2222')).toMatchObject({
      participants: ['alice@acme.example', 'carol@acme.example'],
      lastFromUser: true,
      asksUser: false,
      awaitingThem: true,
      names: { 'alice@acme.example': 'Alice', 'carol@acme.example': 'Carol' },
    });
    expect((await repliesOwed(db)).map((owed) => owed.direction)).toEqual(['they_owe']);
  });

  it('finds threads with people and replies owed to them, newest first', async () => {
    await recordRows(
      db,
      [
        row('aaaa0000000000001', 'alice@acme.example', 'Old', 'fyi', '2026-11-01T07:00:00Z'),
        row('aaaa0000000000002', 'alice@acme.example', 'New', 'Can you call me?', '2026-12-01T07:00:00Z'),
        row('aaaa0000000000003', 'bob@acme.example', 'Bob', 'See attached.', '2026-12-01T06:00:00Z'),
      ],
      { userEmails: [USER] },
    );
    expect((await threadsWith(db, ['ALICE@acme.example'], 5)).map((t) => t.subject)).toEqual(['New', 'Old']);
    expect(
      (await threadsWith(db, ['alice@acme.example', 'bob@acme.example'], 2)).map((t) => t.subject),
    ).toEqual(['New', 'Bob']);
    expect(
      (await repliesOwed(db, { emails: ['alice@acme.example'] })).map((o) => [o.thread.subject, o.direction]),
    ).toEqual([['New', 'you_owe']]);
    expect(await repliesOwed(db, { emails: ['bob@acme.example'] })).toEqual([]);
  });
});

describe('people the user writes to', () => {
  it('are the recipients of Sent rows and threads the user answered last, read at most once a minute', async () => {
    await recordRows(
      db,
      [
        row(
          'sent000000000001',
          'dana@partner.example',
          'Proposal',
          'Here is the proposal.',
          '2026-12-01T08:00:00Z',
        ),
      ],
      { userEmails: [USER], sentView: true },
    );
    await recordRows(
      db,
      [row('inbox00000000001', 'news@letters.example', 'Weekly', 'Top stories', '2026-12-01T09:00:00Z')],
      { userEmails: [USER] },
    );
    const writtenTo = correspondents(db);
    expect(await writtenTo(1_000)).toEqual(['dana@partner.example']);
    await recordRows(
      db,
      [row('sent000000000002', 'eli@client.example', 'Re: terms', 'Agreed.', '2026-12-01T10:00:00Z')],
      { userEmails: [USER], sentView: true },
    );
    expect(await writtenTo(2_000)).toEqual(['dana@partner.example']);
    expect(await writtenTo(62_000)).toEqual(['eli@client.example', 'dana@partner.example']);
  });
});

describe('asks something', () => {
  it.each([
    ['Could you send the numbers?', true],
    ['Please review the draft.', true],
    ['Let me know if Tuesday works', true],
    ['Thanks, all done.', false],
    ['Sounds good.\n\nOn Mon, Nov 30, 2026 at 9:00 AM Bob wrote:\n> Can you review it?', false],
  ])('%s → %s', (text, expected) => {
    expect(asksSomething(text)).toBe(expected);
  });
});
