import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUT_MARKER, MailParseError, parseMessage, toSummary } from '../../shared/mail/index';
import { LIMITS, MessageSummary, TRIAGE_HEADERS } from '../../shared/schemas';

const FIXTURES = join(__dirname, '../fixtures/mail');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

describe('parseMessage: headers', () => {
  it('decodes RFC 2047 B and Q words, in UTF-8 and other charsets', () => {
    const p = parseMessage(fixture('manager-deadline.eml'));
    expect(p.from).toEqual({ name: 'Dana Whitfield', email: 'dana.whitfield@northwind.example' });
    expect(p.subject).toBe('Q4 budget numbers — need them by EOD');
    const w = parseMessage(fixture('wrong-charset.eml'));
    expect(w.from.name).toBe('André Müller');
    // koi8-r encoded word next to raw latin1 bytes in the same header.
    expect(w.subject).toBe('Привет und Grüße');
  });

  it('joins adjacent encoded words without the whitespace between them', () => {
    const p = parseMessage('From: a@b.example\nSubject: =?utf-8?q?Hello_?= =?utf-8?b?V29ybGQ=?=\n\nx');
    expect(p.subject).toBe('Hello World');
  });

  it('unfolds continuation lines', () => {
    const p = parseMessage('From: a@b.example\nSubject: part one\n  and part two\n\nbody');
    expect(p.subject).toBe('part one and part two');
  });

  it('parses named, quoted, bare, commented and grouped addresses', () => {
    const p = parseMessage(fixture('groups-and-bidi.eml'));
    expect(p.to).toEqual([
      { name: '', email: 'alice@northwind.example' },
      { name: 'Bob, Jr.', email: 'bob@northwind.example' },
      { name: 'Carol Jones', email: 'carol@northwind.example' },
    ]);
    const m = parseMessage(fixture('manager-deadline.eml'));
    expect(m.cc).toEqual([{ name: 'Ops, Team', email: 'ops@northwind.example' }]);
  });

  it('turns dates into ISO 8601 and drops nonsense dates', () => {
    expect(parseMessage(fixture('manager-deadline.eml')).date).toBe('2026-11-20T16:14:00.000Z');
    expect(parseMessage(fixture('wrong-charset.eml')).date).toBe('2026-11-15T17:30:00.000Z');
    expect(parseMessage(fixture('malformed-mime.eml')).date).toBeUndefined();
    expect(parseMessage('From: a@b.example\nDate: Thu, 22 Aug 2002 13:17:21 EDT\n\nx').date).toBe(
      '2002-08-22T17:17:21.000Z',
    );
  });

  it('keeps only triage headers, lower-cased', () => {
    const p = parseMessage(fixture('manager-deadline.eml'));
    expect(Object.keys(p.headers).sort()).toEqual(['authentication-results', 'return-path']);
    for (const key of Object.keys(p.headers)) expect(TRIAGE_HEADERS).toContain(key);
    expect(p.headers['authentication-results']).toContain('dmarc=pass');
    expect(p.messageId).toBe('CAF=q4budget-8841@mail.northwind.example');
  });
});

describe('parseMessage: bodies', () => {
  it('prefers text/plain in multipart/alternative and decodes quoted-printable soft breaks', () => {
    const p = parseMessage(fixture('multipart-alternative.eml'));
    expect(p.text).toBe(
      'Hi Sam,\n\nThe café offsite is confirmed — see you there. This line is soft-wrapped.',
    );
  });

  it('turns HTML into visible text only: no script, style, hidden or same-colour text', () => {
    const p = parseMessage(fixture('hostile-html.eml'));
    expect(p.text).toContain('Your mailbox is almost full.');
    expect(p.text).toContain('Tom & Jerry <3 €5 A');
    for (const hidden of [
      'fetch(',
      '.x{',
      'Ignore previous',
      'assistant:',
      'white on white',
      'hidden attribute',
      'comment',
    ]) {
      expect(p.text).not.toContain(hidden);
    }
    expect(p.hiddenText).toBe(true);
    // The subject is kept as text; nothing here renders it.
    expect(p.subject).toBe('<img src=x onerror=alert(1)> Mailbox notice');
  });

  it('reads broken base64 as far as it goes', () => {
    const p = parseMessage(fixture('broken-base64.eml'));
    expect(p.text.startsWith('Attached is the signed contract. Please countersign by Mond')).toBe(true);
  });

  it('decodes each part in its charset, falling back to latin1 for lies and unknown charsets', () => {
    const p = parseMessage(fixture('wrong-charset.eml'));
    expect(p.text).toContain('Schöne Grüße aus München');
    expect(p.text).toContain('Café inconnu.');
    expect(p.text).toContain('こんにちは');
  });

  it('survives malformed MIME: unclosed boundary, multipart without boundary, cut escapes', () => {
    const p = parseMessage(fixture('malformed-mime.eml'));
    expect(p.text).toContain('The first part is fine.');
    expect(p.text).toContain('read as text');
    expect(p.to).toEqual([]);
  });

  it('finds calendar invites and counts attachments', () => {
    const p = parseMessage(fixture('calendar-invite.eml'));
    expect(p.calendar).toBe(true);
    expect(p.attachments).toBe(1);
    expect(p.attachmentNames).toEqual(['invite.ics']);
    expect(p.text).toContain('Design review');
    expect(p.text).not.toContain('BEGIN:VCALENDAR');
  });

  it('accepts strings and bytes alike', () => {
    const raw = fixture('multipart-alternative.eml');
    expect(parseMessage(raw.toString('latin1')).text).toBe(parseMessage(raw).text);
  });

  it('keeps a 25 MB body bounded in size and time, with the cut marked', () => {
    const line = 'All work and no play makes Jack a dull boy. '.repeat(20);
    const body = `${line}\n`.repeat(Math.ceil((25 * 1024 * 1024) / (line.length + 1)));
    const raw = `From: big@sender.example\nSubject: big\nContent-Type: text/plain\n\n${body}`;
    const started = performance.now();
    const p = parseMessage(raw);
    const elapsed = performance.now() - started;
    expect(p.truncated).toBe(true);
    expect(p.text.length).toBe(LIMITS.bodyChars);
    expect(p.text.endsWith(CUT_MARKER)).toBe(true);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('bounds a 25 MB base64 attachment-less HTML body too', () => {
    const html = `<p>${'spam '.repeat(1000)}</p>`.repeat(5_000);
    const b64 = Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\n');
    const raw = `From: big@sender.example\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n${b64}`;
    const p = parseMessage(raw);
    expect(p.text.length).toBeLessThanOrEqual(LIMITS.bodyChars);
  });
});

describe('parseMessage: MIME as mail clients read it', () => {
  const multipart = (boundary: string, parts: string[]) =>
    `From: a@b.example\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n` +
    parts.map((part) => `--${boundary}\n${part}\n`).join('') +
    `--${boundary}--\n`;

  it('treats a boundary as a whole line, so "--bX" inside a part is body text', () => {
    const raw = multipart('b', [
      'Content-Type: text/plain\n\nfirst line\n--bX is not a delimiter\n--b-- neither is this\nlast line',
      'Content-Type: text/plain\n\nsecond part',
    ]);
    const p = parseMessage(raw);
    expect(p.text).toBe('first line\n--bX is not a delimiter\n--b-- neither is this\nlast line\nsecond part');
  });

  it('accepts transport padding after a delimiter and CRLF line ends', () => {
    const raw =
      'From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
      'preamble\r\n--b \t\r\nContent-Type: text/plain\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--  \r\nepilogue\r\n';
    expect(parseMessage(raw).text).toBe('one\ntwo');
  });

  it('decodes RFC 2231 parameters: charset, language, percent escapes and continuations', () => {
    const attachment = (disposition: string) =>
      multipart('b', [
        'Content-Type: text/plain\n\nsee attached',
        `Content-Type: application/pdf\nContent-Disposition: attachment; ${disposition}\n\nJVBERi0=`,
      ]);
    const names = (disposition: string) => parseMessage(attachment(disposition)).attachmentNames;
    expect(names("filename*=iso-8859-1''caf%E9.pdf")).toEqual(['café.pdf']);
    expect(names("filename*=UTF-8'fr'caf%C3%A9%20cr%C3%A8me.pdf")).toEqual(['café crème.pdf']);
    expect(names("filename*0*=utf-8''%E2%82%AC%20budget; filename*1*=%20Q4; filename*2=.xlsx")).toEqual([
      '€ budget Q4.xlsx',
    ]);
    // Continuations may arrive out of order; a multi-byte character may straddle two segments.
    expect(names("filename*1*=%A9.pdf; filename*0*=utf-8''caf%C3")).toEqual(['café.pdf']);
    expect(names('filename*0="long name "; filename*1="in two parts.txt"')).toEqual([
      'long name in two parts.txt',
    ]);
    // The RFC 2231 form wins over the plain fallback sent for old clients.
    expect(names(`filename="cafe.pdf"; filename*=iso-8859-1''caf%E9.pdf`)).toEqual(['café.pdf']);
  });

  it('decodes 7-bit charsets: ISO-2022-JP bodies and headers, UTF-7', () => {
    const jis = (text: string) => Buffer.from(new TextEncoder().encode(text)).toString('latin1');
    const iso2022jp = '\x1b$B$3$s$K$A$O\x1b(B'; // こんにちは
    expect(jis(iso2022jp)).toBe(iso2022jp);
    const declared = parseMessage(
      `From: a@b.example\nSubject: ${iso2022jp}\nContent-Type: text/plain; charset=ISO-2022-JP\n\n${iso2022jp}, Tanaka`,
    );
    expect(declared.text).toBe('こんにちは, Tanaka');
    expect(declared.subject).toBe('こんにちは');
    const qp = parseMessage(
      'From: a@b.example\nContent-Type: text/plain; charset="iso-2022-jp"\nContent-Transfer-Encoding: quoted-printable\n\n=1B$B$3$s$K$A$O=1B(B',
    );
    expect(qp.text).toBe('こんにちは');
    const utf7 = parseMessage(
      'From: a@b.example\nContent-Type: text/plain; charset=utf-7\n\nHi Mom -+Jjo--! 1 +- 1 = 2, caf+AOk- +ZeVnLIqe-',
    );
    expect(utf7.text).toBe('Hi Mom -☺-! 1 + 1 = 2, café 日本語');
  });

  it('shows every part of a multipart/mixed: an HTML part beside a plain footer is not dropped', () => {
    const raw = multipart('b', [
      'Content-Type: text/html\n\n<p>Your invoice is <b>overdue</b>.</p>',
      'Content-Type: text/plain\nContent-Disposition: inline\n\n-- \nsent from a list',
    ]);
    expect(parseMessage(raw).text).toBe('Your invoice is overdue.\n-- \nsent from a list');
  });

  it('reads one alternative of multipart/alternative: text/enriched only when there is no text/plain', () => {
    const alternative = (parts: string[]) =>
      multipart('b', parts).replace('multipart/mixed', 'multipart/alternative');
    expect(
      parseMessage(
        alternative([
          'Content-Type: text/plain\n\nplain words',
          'Content-Type: text/enriched\n\n<bold>rich</bold>',
        ]),
      ).text,
    ).toBe('plain words');
    expect(parseMessage(alternative(['Content-Type: text/enriched\n\nonly rich'])).text).toBe('only rich');
  });

  it('shows a named text part marked inline as body, and counts a named part without disposition', () => {
    const inline = multipart('b', [
      'Content-Type: text/plain\n\nsee the patch',
      'Content-Type: text/plain; name="fix.patch"\nContent-Disposition: inline; filename="fix.patch"\n\n-old\n+new',
    ]);
    const p = parseMessage(inline);
    expect(p.text).toBe('see the patch\n-old\n+new');
    expect(p.attachments).toBe(0);
    const named = parseMessage(inline.replace('Content-Disposition: inline; filename="fix.patch"\n', ''));
    expect(named.text).toBe('see the patch');
    expect(named.attachmentNames).toEqual(['fix.patch']);
  });

  it('reads a bare address with a quoted local part as one address', () => {
    expect(parseMessage('From: "jo@home.example"@relay.example\n\nx').from).toEqual({
      name: '',
      email: 'jo@home.example@relay.example',
    });
  });

  it('reads a quoted display name as a phrase: no quote marks, escapes undone', () => {
    const from = (header: string) => parseMessage(`From: ${header}\n\nx`).from;
    expect(from('"John \\"JJ\\" Smith" <j@x.example>')).toEqual({
      name: 'John "JJ" Smith',
      email: 'j@x.example',
    });
    expect(from('"Smith, John" <j@x.example>')).toEqual({ name: 'Smith, John', email: 'j@x.example' });
    expect(from('"Dr." "Jane" Doe <j@x.example>').name).toBe('Dr. Jane Doe');
    expect(from('"=?utf-8?q?Andr=C3=A9?=" <a@x.example>').name).toBe('André');
    expect(from('=?utf-8?q?=22Quoted=22_Name?= <a@x.example>').name).toBe('"Quoted" Name');
    expect(from('j@x.example ("JJ" Smith)')).toEqual({ name: 'JJ Smith', email: 'j@x.example' });
  });
});

describe('parseMessage: hopeless input', () => {
  it('throws MailParseError on empty input and binary garbage without headers', () => {
    expect(() => parseMessage('')).toThrow(MailParseError);
    expect(() => parseMessage(new Uint8Array())).toThrow(MailParseError);
    expect(() => parseMessage(fixture('garbage.bin'))).toThrow(MailParseError);
    expect(() => parseMessage('just some words\nwith no header block\n')).toThrow(MailParseError);
  });

  it('parses a head without a body', () => {
    const p = parseMessage('From: a@b.example\nSubject: only a head');
    expect(p.subject).toBe('only a head');
    expect(p.text).toBe('');
  });
});

describe('toSummary', () => {
  it('produces a MessageSummary that satisfies the contract', () => {
    for (const name of [
      'manager-deadline.eml',
      'calendar-invite.eml',
      'hostile-html.eml',
      'malformed-mime.eml',
    ]) {
      const summary = toSummary(parseMessage(fixture(name)));
      expect(() => MessageSummary.parse(summary)).not.toThrow();
    }
  });

  it('uses the Message-ID, or a stable derived key when there is none', () => {
    expect(toSummary(parseMessage(fixture('manager-deadline.eml'))).id).toBe(
      'CAF=q4budget-8841@mail.northwind.example',
    );
    const a = toSummary(parseMessage(fixture('malformed-mime.eml'))).id;
    const b = toSummary(parseMessage(fixture('malformed-mime.eml'))).id;
    expect(a).toMatch(/^msg-[0-9a-f]{8}$/);
    expect(a).toBe(b);
  });

  it('makes a snippet of about 200 chars of flattened body text', () => {
    const long = 'word '.repeat(500);
    const s = toSummary(parseMessage(`From: a@b.example\n\n${long}`));
    expect(s.snippet.length).toBeLessThanOrEqual(200);
    expect(s.snippet.startsWith('word word')).toBe(true);
  });
});
