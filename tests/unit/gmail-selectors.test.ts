// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { GMAIL, queryAll, selectorHealth } from '../../extension/sites/gmail/selectors';
import { SAMPLE_MAILS } from '../e2e/gmail-mails';
import { loadGmailFixture } from '../fixtures/gmail/load-gmail-fixture';

const threads = SAMPLE_MAILS.length;
const withLabels = SAMPLE_MAILS.filter((mail) => (mail.labels ?? []).length > 0).length;
const withCount = SAMPLE_MAILS.filter((mail) => mail.count).length;

describe('Gmail selectors against saved pages', () => {
  it.each([
    ['inbox-current.html', threads, 'td.xW span[title]'],
    ['inbox-current-dark.html', threads, 'td.xW span[title]'],
    // The vertical layout moves the date out of td.xW into the sender row's `.apm`.
    ['inbox-current-vertical.html', threads * 3, '.apm span[title]'],
  ])('%s: every selector matches through its expected form', (file, rowCount, dateForm) => {
    const doc = loadGmailFixture(file);
    expect(queryAll(doc, GMAIL.threadList)).toHaveLength(1);
    expect(queryAll(doc, GMAIL.threadRow)).toHaveLength(rowCount);
    expect(queryAll(doc, GMAIL.threadIdHolder)).toHaveLength(threads);
    expect(queryAll(doc, GMAIL.sender)).toHaveLength(threads);
    expect(queryAll(doc, GMAIL.subject)).toHaveLength(threads);
    expect(queryAll(doc, GMAIL.snippet)).toHaveLength(threads);
    expect(queryAll(doc, GMAIL.date)).toHaveLength(threads);
    expect(queryAll(doc, GMAIL.starred)).toHaveLength(SAMPLE_MAILS.filter((mail) => mail.starred).length);
    expect(queryAll(doc, GMAIL.important)).toHaveLength(SAMPLE_MAILS.filter((mail) => mail.important).length);
    expect(queryAll(doc, GMAIL.labels)).toHaveLength(withLabels);
    expect(queryAll(doc, GMAIL.messageCount)).toHaveLength(withCount);
    const health = selectorHealth(doc);
    for (const [name, form] of Object.entries(health)) {
      expect(form, name).toBe(name === 'date' ? dateForm : GMAIL[name as keyof typeof GMAIL].forms[0]);
    }
  });

  it('2014 inbox: rows, senders, subjects and dates match; thread-id holders are reported missing', () => {
    const doc = loadGmailFixture('inbox-list-2014-inboxsdk.html');
    expect(queryAll(doc, GMAIL.threadList)).toHaveLength(1);
    expect(queryAll(doc, GMAIL.threadRow)).toHaveLength(16);
    expect(queryAll(doc, GMAIL.threadIdHolder)).toHaveLength(0);
    expect(queryAll(doc, GMAIL.date)).toHaveLength(16);
    expect(queryAll(doc, GMAIL.sender).length).toBeGreaterThanOrEqual(16);
    const health = selectorHealth(doc);
    expect(health.threadIdHolder).toBeNull();
    expect(health.threadRow).toBe('tr.zA');
  });

  it('falls back to role=row when Gmail drops the zA class', () => {
    const doc = loadGmailFixture('inbox-current.html');
    for (const row of doc.querySelectorAll('tr.zA')) row.classList.remove('zA');
    const rows = queryAll(doc, GMAIL.threadRow);
    expect(rows).toHaveLength(threads);
    expect(selectorHealth(doc).threadRow).toBe('[role=main] [gh=tl] tr[role=row]');
  });

  it('finds nothing (and says so) on a page without a thread list', () => {
    document.body.innerHTML = '<div role="main"><p>Loading…</p></div>';
    expect(queryAll(document, GMAIL.threadRow)).toHaveLength(0);
    expect(selectorHealth(document).threadList).toBeNull();
  });
});
