import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MboxSplitter, parseMessage, splitMbox } from '../../shared/mail/index';

const mbox = readFileSync(join(__dirname, '../fixtures/mail/small.mbox'), 'latin1');

describe('splitMbox', () => {
  it('splits a Takeout mbox on envelope lines and drops them', () => {
    const messages = splitMbox(mbox);
    expect(messages).toHaveLength(4);
    expect(messages[0]?.startsWith('X-GM-THRID:')).toBe(true);
    expect(messages.every((m) => !m.startsWith('From 1782'))).toBe(true);
  });

  it('undoes one level of >From quoting and leaves body text alone otherwise', () => {
    const lunch = splitMbox(mbox)[1] ?? '';
    expect(lunch).toContain('\nFrom the desk of Dana');
    expect(lunch).toContain('\n>From here too');
    expect(parseMessage(lunch).text).toContain('Want to grab lunch tomorrow?');
  });

  it('gives the same messages however the stream is chunked', () => {
    for (const size of [1, 7, 64, 4096]) {
      const splitter = new MboxSplitter();
      const out: string[] = [];
      for (let i = 0; i < mbox.length; i += size) out.push(...splitter.push(mbox.slice(i, i + size)));
      out.push(...splitter.end());
      expect(out).toEqual(splitMbox(mbox));
    }
  });

  it('treats a file without envelope lines as one message', () => {
    const raw = 'From: a@b.example\nSubject: hi\n\nbody\n';
    expect(splitMbox(raw)).toHaveLength(1);
    expect(parseMessage(splitMbox(raw)[0] ?? '').subject).toBe('hi');
  });

  it('does not split on "From " inside a paragraph', () => {
    const raw = 'From x@y Fri Nov 20 08:00:00 2026\nFrom: a@b.example\n\nline one\nFrom here on it is body\n';
    expect(splitMbox(raw)).toHaveLength(1);
  });

  it('starts a message only at a real envelope line, not at "From " after a blank line', () => {
    const raw = [
      'From sender@example.com Thu Nov 20 10:00:00 2026',
      'From: a@b.example',
      'Subject: standup',
      '',
      'Agenda below.',
      '',
      'From 10:30 we meet in room 4.',
      '',
      'From Monday on, 2026 plans apply.',
      '',
      'From MAILER-DAEMON Fri Nov 21 09:15:02 2026',
      'From: mailer-daemon@b.example',
      'Subject: bounce',
      '',
      'undeliverable',
      '',
      'From 1789012345678901234@xxx Sat Nov 22 08:00:00 +0000 2026',
      'From: c@d.example',
      'Subject: takeout',
      '',
      'ok',
      '',
    ].join('\n');
    const messages = splitMbox(raw);
    expect(messages.map((m) => parseMessage(m).subject)).toEqual(['standup', 'bounce', 'takeout']);
    expect(parseMessage(messages[0] ?? '').text).toBe(
      'Agenda below.\n\nFrom 10:30 we meet in room 4.\n\nFrom Monday on, 2026 plans apply.',
    );
  });

  it('undoes Takeout ">From " quoting one level in bodies, leaving other ">" lines alone', () => {
    const raw =
      'From x@y Fri Nov 20 08:00:00 2026\nFrom: a@b.example\n\n' +
      '>From the start\n>>From a quote\n>>>From deeper\n> From not quoting\n>Fromage\n';
    expect(parseMessage(splitMbox(raw)[0] ?? '').text).toBe(
      'From the start\n>From a quote\n>>From deeper\n> From not quoting\n>Fromage',
    );
  });
});
