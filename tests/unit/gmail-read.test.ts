// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  findThreadRowGroups,
  groupForRow,
  parseGmailDate,
  readRowIdentity,
  readThreadRow,
} from '../../extension/sites/gmail/read';
import { MessageSummary } from '../../shared/schemas';
import { HOSTILE_SUBJECT, SAMPLE_MAILS } from '../e2e/gmail-mails';
import { threadIds } from '../e2e/gmail-page';
import { loadGmailFixture } from '../fixtures/gmail/load-gmail-fixture';

function readAll(file: string) {
  const doc = loadGmailFixture(file);
  return findThreadRowGroups(doc).map((group) => readThreadRow(group));
}

describe('Gmail row adapter on the current UI', () => {
  it.each(['inbox-current.html', 'inbox-current-dark.html', 'inbox-current-vertical.html'])(
    '%s: reads every thread as a valid MessageSummary',
    (file) => {
      const summaries = readAll(file);
      expect(summaries).toHaveLength(SAMPLE_MAILS.length);
      summaries.forEach((summary, index) => {
        const mail = SAMPLE_MAILS[index]!;
        expect(summary).not.toBeNull();
        const parsed = MessageSummary.parse(summary);
        const ids = threadIds(index + 1);
        expect(parsed.id).toBe(ids.threadId);
        expect(parsed.threadId).toBe(ids.legacyId);
        expect(parsed.from).toEqual({ name: mail.fromName, email: mail.fromEmail });
        expect(parsed.subject).toBe(mail.subject);
        expect(parsed.snippet).toBe(mail.snippet);
        expect(parsed.unread).toBe(Boolean(mail.unread));
        expect(parsed.starred).toBe(Boolean(mail.starred));
        expect(parsed.important).toBe(Boolean(mail.important));
        expect(parsed.labels).toEqual(mail.labels ?? []);
        expect(parsed.messageCount).toBe(mail.count);
        // Fixtures are written with a fixed reference time of 2026-11-21 10:00 local.
        const expected = new Date(new Date('2026-11-21T10:00:00').getTime() - mail.minutesAgo * 60_000);
        expect(parsed.date).toBe(new Date(expected.setSeconds(0, 0)).toISOString());
      });
    },
  );

  it('vertical split reads the same summaries as the default layout', () => {
    expect(readAll('inbox-current-vertical.html')).toEqual(readAll('inbox-current.html'));
  });

  it('keeps the hostile subject as inert text', () => {
    const doc = loadGmailFixture('inbox-current.html');
    expect(doc.querySelector('img')).toBeNull();
    const hostile = findThreadRowGroups(doc)
      .map((group) => readThreadRow(group))
      .find((summary) => summary?.from?.email === 'mallory@evil.example');
    expect(hostile?.subject).toBe(HOSTILE_SUBJECT);
  });

  it('recycled row: identity follows the new content', () => {
    const doc = loadGmailFixture('inbox-current.html');
    const [first, second] = findThreadRowGroups(doc);
    const before = readRowIdentity(first!).id;
    first!.row.innerHTML = second!.row.innerHTML;
    expect(readRowIdentity(first!).id).toBe(readRowIdentity(second!).id);
    expect(readRowIdentity(first!).id).not.toBe(before);
  });
});

describe('Gmail row adapter on real older captures', () => {
  it('2014 inbox list: all 16 rows read, with stable derived keys', () => {
    const first = readAll('inbox-list-2014-inboxsdk.html');
    const again = readAll('inbox-list-2014-inboxsdk.html');
    expect(first).toHaveLength(16);
    expect(again).toEqual(first);
    const ids = first.map((summary) => summary?.id);
    for (const summary of first) {
      const parsed = MessageSummary.parse(summary);
      expect(parsed.id).toMatch(/^k:/);
      expect(parsed.from.email).toContain('@');
      expect(parsed.date?.startsWith('2014-')).toBe(true);
    }
    // Some 2014 rows repeat sender+subject+date exactly; distinct content must give distinct keys.
    const distinctContent = new Set(first.map((s) => `${s?.from?.email}|${s?.subject}|${s?.date}`));
    expect(new Set(ids).size).toBe(distinctContent.size);
    expect(first.filter((summary) => summary?.unread)).toHaveLength(13);
  });

  it('2014 thread rows: one normal row and two vertical preview-pane threads', () => {
    const doc = loadGmailFixture('thread-rows-2014-inboxsdk.html');
    expect(doc.querySelectorAll('tr.zA.apv')).toHaveLength(5);
    const groups = findThreadRowGroups(doc);
    expect(groups.map((group) => group.parts.length)).toEqual([1, 3, 2]);
    const summaries = groups.map((group) => MessageSummary.parse(readThreadRow(group)));
    expect(summaries.map((summary) => summary.subject)).toEqual([
      'test merge again',
      'test merge again',
      'lordprogrammer finished a deploy (fed8a27)',
    ]);
    expect(summaries[0]?.snippet).toMatch(
      /^4 On Thu, Dec 4, 2014 at 2:02 PM, Chris Cowan <cowan@streak.com>/,
    );
    expect(summaries[1]?.snippet).toBe(summaries[0]?.snippet);
    expect(summaries[2]?.snippet).toBe('');
    expect(summaries[0]?.messageCount).toBe(15);
    expect(summaries[2]?.from).toEqual({
      name: 'Streak Bot',
      email: 'notifications@mailfoogae.appspotmail.com',
    });
    expect(summaries[2]?.date).toBe(new Date('2015-01-05T11:02:00').toISOString());
    // Continuation rows are never threads of their own.
    const continuation = doc.querySelectorAll<HTMLElement>('tr.zA.apv')[1]!;
    expect(groupForRow(continuation)).toBeNull();
  });

  it('skips a row that shows neither sender nor subject', () => {
    document.body.innerHTML =
      '<div role="main"><div gh="tl"><table><tbody><tr class="zA" role="row"><td>Loading…</td></tr></tbody></table></div></div>';
    const groups = findThreadRowGroups(document);
    expect(groups).toHaveLength(1);
    expect(readThreadRow(groups[0]!)).toBeNull();
  });
});

describe('text helpers', () => {
  it('normalises Gmail spacing and cuts to the limit', () => {
    expect(cleanText('\u00a0 a\u202fb \n c ', 100)).toBe('a b c');
    expect(cleanText('abcdef', 3)).toBe('abc');
  });
  it('parses Gmail date titles', () => {
    expect(parseGmailDate('Thu, Dec 4, 2014 at 2:02 PM')).toBe(new Date('2014-12-04T14:02:00').toISOString());
    expect(parseGmailDate('Sat, Nov 21, 2026, 9:14\u202fAM')).toBe(
      new Date('2026-11-21T09:14:00').toISOString(),
    );
    expect(parseGmailDate('yesterday-ish')).toBeUndefined();
    expect(parseGmailDate(null)).toBeUndefined();
  });
});
