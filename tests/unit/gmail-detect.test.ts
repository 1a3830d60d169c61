import { describe, expect, it } from 'vitest';
import { detectGmailView, GMAIL_VIEW_EXAMPLES, isThreadListView } from '../../extension/sites/gmail/detect';

describe('Gmail view detector', () => {
  for (const [kind, urls] of Object.entries(GMAIL_VIEW_EXAMPLES)) {
    it.each(urls)(`${kind}: %s`, (url) => {
      expect(detectGmailView(url).kind).toBe(kind);
    });
  }

  it('no example of one kind is detected as another', () => {
    const kinds = Object.keys(GMAIL_VIEW_EXAMPLES);
    for (const [kind, urls] of Object.entries(GMAIL_VIEW_EXAMPLES)) {
      for (const url of urls) {
        const other = kinds.filter((candidate) => candidate !== kind);
        expect(other).not.toContain(detectGmailView(url).kind);
      }
    }
  });

  it('names lists and threads', () => {
    expect(detectGmailView('https://mail.google.com/mail/u/0/#label/Clients%2FAcme')).toEqual({
      kind: 'list',
      list: 'label',
      name: 'Clients/Acme',
    });
    expect(detectGmailView('https://mail.google.com/mail/u/0/#search/from%3Aalice')).toEqual({
      kind: 'list',
      list: 'search',
      name: 'from:alice',
    });
    expect(
      detectGmailView('https://mail.google.com/mail/u/0/#label/Work/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn'),
    ).toEqual({
      kind: 'thread',
      list: 'label/Work',
      threadId: 'FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn',
    });
    expect(detectGmailView('https://mail.google.com/mail/u/0/#inbox').kind).toBe('list');
    expect(isThreadListView(detectGmailView('https://mail.google.com/mail/u/0/#inbox/p3'))).toBe(true);
  });

  it('survives malformed escapes in the hash', () => {
    expect(detectGmailView('https://mail.google.com/mail/u/0/#search/100%')).toEqual({
      kind: 'list',
      list: 'search',
      name: '100%',
    });
  });
});
