/**
 * mbox (Google Takeout, mboxrd) splitting. Works on a stream of text chunks so a 1 GB mailbox never
 * sits in memory whole; `splitMbox` is the one-shot form.
 */

/**
 * An envelope line: `From <sender> <asctime date>`, e.g. `From sender@example.com Thu Nov 20
 * 10:00:00 2026`, `From MAILER-DAEMON ...` or Takeout's `From 1789…@xxx Fri Nov 20 08:00:00 +0000
 * 2026`. The date has a weekday, a time and a year, so body lines
 * such as "From 10:30 we meet" or "From Monday on, 2026 looks good" are not envelopes.
 */
const ENVELOPE =
  /^From \S+(?: +\S+)*? +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +[+-]?\w+)? +\d{4}\s*$/;

/** mboxrd quotes body lines that begin with "From " as ">From "; this undoes one level. */
function unquoteFromLines(text: string): string {
  return text.includes('>From ') ? text.replace(/^>(>*From )/gm, '$1') : text;
}

function finishMessage(lines: string): string {
  // Drop the envelope line; the trailing blank line belongs to the mbox format, not the message.
  const firstBreak = lines.indexOf('\n');
  const body = firstBreak < 0 ? '' : lines.slice(firstBreak + 1);
  return unquoteFromLines(body.replace(/\r?\n$/, ''));
}

export class MboxSplitter {
  private buffer = '';
  private current: string | null = null;
  private sawAnyEnvelope = false;

  /** Feeds a chunk; returns the messages completed by it. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const done: string[] = [];
    let start = 0;
    for (let nl = this.buffer.indexOf('\n', start); nl >= 0; nl = this.buffer.indexOf('\n', start)) {
      this.line(this.buffer.slice(start, nl + 1), done);
      start = nl + 1;
    }
    this.buffer = this.buffer.slice(start);
    return done;
  }

  /** Flushes the last message. */
  end(): string[] {
    const done: string[] = [];
    if (this.buffer) this.line(this.buffer, done);
    this.buffer = '';
    this.flushPending();
    if (this.current !== null) done.push(finishMessage(this.current));
    this.current = null;
    return done;
  }

  private pending: string[] = [];

  private line(line: string, done: string[]): void {
    const isEnvelope = line.startsWith('From ') && ENVELOPE.test(line);
    if (isEnvelope) {
      this.flushPending();
      if (this.current !== null) done.push(finishMessage(this.current));
      this.current = '';
      this.sawAnyEnvelope = true;
    } else if (!this.sawAnyEnvelope && this.current === null) {
      // Text before the first envelope: a file that is a bare message, not an mbox.
      this.current = '';
      this.current += 'From -\n';
    }
    this.pending.push(line);
    if (this.pending.length >= 256) this.flushPending();
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    this.current = (this.current ?? '') + this.pending.join('');
    this.pending = [];
  }
}

/** Splits a whole mbox text into raw messages (envelope lines removed, >From unquoted). */
export function splitMbox(text: string): string[] {
  const splitter = new MboxSplitter();
  const out = splitter.push(text);
  out.push(...splitter.end());
  return out.filter((message) => message.trim() !== '');
}
