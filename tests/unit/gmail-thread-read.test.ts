// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readOpenThread, tidyBodyText, visibleTextOf } from '../../extension/sites/gmail/read-thread';
import {
  GMAIL,
  GMAIL_THREAD,
  queryAll,
  queryFirst,
  selectorHealth,
} from '../../extension/sites/gmail/selectors';
import { ThreadSummaryRequest } from '../../shared/schemas';
import { summarizeThreadWithRules } from '../../shared/summary';
import { HIDDEN_INJECTIONS, makeThreadHtml } from '../e2e/gmail-thread-page';
import { loadGmailFixture } from '../fixtures/gmail/load-gmail-fixture';

const FALLBACK_ID = 'FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn';

describe('thread selectors on the current UI', () => {
  it.each(['thread-current.html', 'thread-current-dark.html'])(
    '%s: each thread selector matches as expected',
    (file) => {
      const doc = loadGmailFixture(file);
      const count = (name: keyof typeof GMAIL_THREAD) => queryAll(doc, GMAIL_THREAD[name]).length;
      expect(count('threadContainer')).toBe(1);
      expect(count('threadSubject')).toBe(1);
      expect(count('threadMessage')).toBe(4);
      expect(count('messageSender')).toBe(4);
      // Recipients: 1 + 2 + 1 on the three expanded messages; the collapsed one shows none.
      expect(count('messageRecipients')).toBe(4);
      expect(count('messageTime')).toBe(4);
      expect(count('messageBody')).toBe(3);
      expect(count('messageSnippet')).toBe(1);
      // Every thread selector matches through its first (preferred) form.
      for (const spec of Object.values(GMAIL_THREAD)) {
        expect(
          spec.forms.find((form) => doc.querySelector(form) !== null),
          spec.name,
        ).toBe(spec.forms[0]);
      }
      // The list-view health report is not about threads: no thread selector is reported missing there.
      expect(Object.keys(selectorHealth(doc))).toEqual(Object.keys(GMAIL));
    },
  );

  it('falls back to the second form when the first is gone', () => {
    const doc = loadGmailFixture('thread-current.html');
    for (const element of doc.querySelectorAll('.a98')) element.classList.remove('a98');
    for (const element of doc.querySelectorAll('[data-message-id]'))
      element.removeAttribute('data-message-id');
    for (const element of doc.querySelectorAll('span.gD')) element.classList.remove('gD');
    expect(queryFirst(doc, GMAIL_THREAD.threadContainer)?.getAttribute('role')).toBe('list');
    expect(queryAll(doc, GMAIL_THREAD.threadMessage)).toHaveLength(4);
    expect(queryAll(doc, GMAIL_THREAD.messageSender).map((el) => el.getAttribute('email'))).toContain(
      'bob@acme.example',
    );
  });
});

describe('readOpenThread', () => {
  it('reads every message, collapsed ones by their snippet, with senders, recipients and dates', () => {
    const thread = readOpenThread(loadGmailFixture('thread-current.html'), FALLBACK_ID);
    expect(thread).not.toBeNull();
    if (!thread) return;
    expect(thread.threadId).toBe('18d2f3a4b5c6d7e8');
    expect(thread.subject).toBe('Q3 budget review');
    expect(thread.messages.map((message) => message.id)).toEqual([
      '18d2f3a4b5c6d001',
      '18d2f3a4b5c6d002',
      '18d2f3a4b5c6d003',
      '18d2f3a4b5c6d004',
    ]);
    expect(thread.messages.map((message) => message.from.email)).toEqual([
      'ann@acme.example',
      'ann@acme.example',
      'bob@acme.example',
      'ann@acme.example',
    ]);
    expect(thread.messages[2]?.to.map((person) => person.name)).toEqual(['Sam Park', 'Ann Lee']);
    expect(thread.messages[0]?.text).toBe(
      'Kicking off the Q3 budget review. Finance wants the final numbers this month.',
    );
    expect(thread.messages[1]?.date).toBe(new Date('2026-11-20T08:00:00').toISOString());
    // The whole request fits the contract the background and the API check.
    expect(() => ThreadSummaryRequest.parse({ ...thread, ai: false })).not.toThrow();
  });

  it('keeps only visible text: white-on-white and display:none are dropped, zero-width characters stripped', () => {
    const thread = readOpenThread(loadGmailFixture('thread-current.html'), FALLBACK_ID);
    const all = thread?.messages.map((message) => message.text).join('\n') ?? '';
    for (const hidden of HIDDEN_INJECTIONS) expect(all).not.toContain(hidden);
    expect(all.toLowerCase()).not.toContain('ignore previous instructions');
    expect(all).not.toMatch(/[\u200b-\u200d\ufeff]/);
    expect(thread?.messages[1]?.text).toBe(
      'Hi Sam,\n\nCan you send me the budget numbers by Thursday? Finance closes the quarter.\n\nThanks,\nAnn',
    );
    expect(thread?.messages[2]?.text).toBe(
      "I'll share the draft deck tomorrow. We agreed to keep the travel budget flat.",
    );
    expect(thread?.hiddenTextRemoved).toBe(true);
    expect(thread?.invisibleRemoved).toBe(true);
  });

  it('feeds the rules summary: action items with owners and due dates, nothing from hidden text', () => {
    const thread = readOpenThread(loadGmailFixture('thread-current.html'), FALLBACK_ID);
    if (!thread) throw new Error('no thread read');
    const summary = summarizeThreadWithRules(
      ThreadSummaryRequest.parse({ ...thread, userEmails: ['sam@acme.example'], ai: false }),
    );
    expect(summary.actionItems).toContainEqual({
      text: 'Can you send me the budget numbers by Thursday?',
      owner: 'you',
      // "The meeting moved to Friday" names neither item, and two are dated: neither moves.
      due: '2026-11-26',
    });
    expect(summary.actionItems).toContainEqual({
      text: "I'll share the draft deck tomorrow.",
      owner: 'Bob Stone',
      due: '2026-11-22',
    });
    expect(JSON.stringify(summary)).not.toContain('wire money');
  });

  it('drops each kind of hiding the brief names', () => {
    document.body.innerHTML = `<div id="body" style="background:#fff;color:#111">
      visible one
      <span hidden>attr hidden</span>
      <span aria-hidden="true">aria hidden</span>
      <span style="visibility:hidden">visibility hidden</span>
      <span style="font-size:0">font zero</span>
      <span style="opacity:0">opacity zero</span>
      <div style="height:0;overflow:hidden">zero height</div>
      <span style="color:#fefefe">near white</span>
      <p>visible two</p>
    </div>`;
    const body = document.getElementById('body');
    if (!body) throw new Error('fixture missing');
    const read = visibleTextOf(body);
    expect(tidyBodyText(read.text)).toBe('visible one\n\nvisible two');
    expect(read.hidden).toBe(true);
  });

  it('strips tag characters and bidi controls and caps the text', () => {
    const tags = [...'hi'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(tidyBodyText(`pay\u202Epal${tags} now`)).toBe('paypal now');
    expect(tidyBodyText('x'.repeat(200_000))).toHaveLength(100_000);
  });

  it('reads a long thread whole, collapsed messages by snippet, and keeps the opener past the contract cap', () => {
    const messages = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `m${String(index).padStart(5, '0')}`,
        from: { name: `Person ${index}`, email: `p${index}@acme.example` },
        to: [{ name: 'Sam Park', email: 'sam@acme.example' }],
        date: new Date(Date.UTC(2026, 10, 1, 0, index)),
        collapsed: index < count - 3,
        snippet: `Snippet number ${index}.`,
        bodyHtml: `<p>Body number ${index}.</p><p style="display:none">secret ${index}</p>`,
      }));
    document.documentElement.innerHTML = makeThreadHtml({ subject: 'Long', messages: messages(300) })
      .replace(/^<!doctype html>/i, '')
      .replace(/^\s*<html[^>]*>|<\/html>\s*$/g, '');
    const started = performance.now();
    const read = readOpenThread(document, FALLBACK_ID);
    const elapsed = performance.now() - started;
    expect(read?.messages).toHaveLength(300);
    expect(read?.messages[0]?.text).toBe('Snippet number 0.');
    expect(read?.messages[299]?.text).toBe('Body number 299.');
    expect(read?.messages.some((message) => message.text.includes('secret'))).toBe(false);
    // A 300-message thread in happy-dom; Chromium is several times faster.
    expect(elapsed).toBeLessThan(2_000);

    document.documentElement.innerHTML = makeThreadHtml({ subject: 'Huge', messages: messages(1_005) })
      .replace(/^<!doctype html>/i, '')
      .replace(/^\s*<html[^>]*>|<\/html>\s*$/g, '');
    const huge = readOpenThread(document, FALLBACK_ID);
    expect(huge?.messages).toHaveLength(1_000);
    expect(huge?.messages[0]?.id).toBe('m00000');
    expect(huge?.messages[1]?.id).toBe('m00006');
    expect(huge?.messages.at(-1)?.id).toBe('m01004');
  });

  it('returns null while no message is on the page', () => {
    document.body.innerHTML = '<div role="main"><div class="a98 iY"><div role="list"></div></div></div>';
    expect(readOpenThread(document, FALLBACK_ID)).toBeNull();
  });
});
