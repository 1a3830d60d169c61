import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../extension/background/sender-check';
import { PortReply, RuntimeRequest, TriageBatchMessage } from '../../extension/platform/messages';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';

const summary = {
  id: '1789000000000000001',
  from: { name: 'Priya', email: 'priya@acme.com' },
  subject: 'Hi',
};

describe('triage port messages', () => {
  it('accepts a well-formed batch and fills schema defaults', () => {
    const parsed = TriageBatchMessage.parse({ type: 'triage', batch: 0, messages: [summary] });
    expect(parsed.messages[0]?.labels).toEqual([]);
  });

  it.each([
    ['an unknown type', { type: 'triage-all', batch: 0, messages: [summary] }],
    [
      'extra keys (a smuggled token request)',
      { type: 'triage', batch: 0, messages: [summary], token: 'give' },
    ],
    ['an empty batch', { type: 'triage', batch: 0, messages: [] }],
    [
      'an oversized batch',
      { type: 'triage', batch: 0, messages: Array.from({ length: 101 }, () => summary) },
    ],
    ['a message without id', { type: 'triage', batch: 0, messages: [{ ...summary, id: '' }] }],
    [
      'a subject over the limit',
      { type: 'triage', batch: 0, messages: [{ ...summary, subject: 'x'.repeat(1001) }] },
    ],
    ['a negative batch number', { type: 'triage', batch: -1, messages: [summary] }],
    ['a string', 'triage'],
    ['null', null],
  ])('rejects %s', (_, message) => {
    expect(TriageBatchMessage.safeParse(message).success).toBe(false);
  });

  it('parses replies and rejects forged result shapes', () => {
    const result = {
      id: summary.id,
      urgency: 'high',
      category: 'action',
      reasons: [{ rule: 'deadline', text: 'deadline today 5pm', weight: 3 }],
      score: 5,
      source: 'rules',
      engine: 'rules@1',
      at: '2026-11-21T10:00:00.000Z',
    };
    expect(
      PortReply.safeParse({ type: 'triage-results', batch: 1, origin: 'server', results: [result] }).success,
    ).toBe(true);
    expect(
      PortReply.safeParse({
        type: 'triage-results',
        batch: 1,
        origin: 'server',
        results: [{ ...result, urgency: 'NOW' }],
      }).success,
    ).toBe(false);
    expect(
      PortReply.safeParse({ type: 'triage-results', batch: 1, origin: 'page', results: [] }).success,
    ).toBe(false);
  });

  it('runtime requests: only known shapes, only http(s) URLs', () => {
    expect(RuntimeRequest.safeParse({ type: 'status' }).success).toBe(true);
    expect(
      RuntimeRequest.safeParse({ type: 'test-connection', apiUrl: 'https://api.example.com' }).success,
    ).toBe(true);
    expect(RuntimeRequest.safeParse({ type: 'test-connection', apiUrl: 'javascript:alert(1)' }).success).toBe(
      false,
    );
    expect(RuntimeRequest.safeParse({ type: 'get-token' }).success).toBe(false);
    expect(RuntimeRequest.safeParse({ type: 'status', extra: 1 }).success).toBe(false);
  });
});

describe('sender check', () => {
  it.each([
    ['a Gmail content script', { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox' }, true],
    ['a Calendar content script', { id: EXTENSION_ID, url: 'https://calendar.google.com/calendar/r' }, true],
    ['our popup', { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` }, true],
    ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'https://mail.google.com/' }, false],
    ['another site', { id: EXTENSION_ID, url: 'https://evil.example/mail.google.com' }, false],
    ['a look-alike host', { id: EXTENSION_ID, url: 'https://mail.google.com.evil.example/' }, false],
    ['plain http Gmail', { id: EXTENSION_ID, url: 'http://mail.google.com/' }, false],
    ['no url', { id: EXTENSION_ID }, false],
    ['no id', { url: 'https://mail.google.com/' }, false],
    ['an unparsable url', { id: EXTENSION_ID, url: 'not a url' }, false],
  ])('%s', (_, sender, trusted) => {
    expect(isTrustedSender(sender, EXTENSION_ID, EXTENSION_ORIGIN)).toBe(trusted);
  });
});
