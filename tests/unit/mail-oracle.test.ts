/**
 * postal-mime as an oracle for the MIME layer over the SpamAssassin corpus. Every disagreement on
 * the sender, the subject or the body must fall in a named class below, and each class's count is
 * pinned, so a new kind of disagreement (or a class growing) fails here.
 */
import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { bytesToBinary } from '../../shared/mail/bytes';
import { splitEntity } from '../../shared/mail/headers';
import { CUT_MARKER, type ParsedMessage, parseMessage } from '../../shared/mail/index';
import { type MimeContent, readMime } from '../../shared/mail/mime';
import { loadCorpus } from '../bench/engine';

/**
 * postal-mime alone needs about 15 s for all 6,046 mails on an idle core; every second mail
 * (3,023, in file order, so the same mails each run) keeps the test near 10 s.
 */
const SAMPLE_EVERY = 2;

type Field = 'from' | 'name' | 'subject' | 'body';

interface Case {
  raw: string;
  ours: ParsedMessage;
  content: MimeContent;
  theirs: Email;
  field: Field;
  /** Our value and postal-mime's, whitespace-normalised. */
  a: string;
  b: string;
}

const norm = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
// biome-ignore lint/suspicious/noControlCharactersInRegex: everything outside 7-bit ASCII goes.
const asciiOnly = (text: string) => text.replace(/[^\u0000-\u007f]|\s/g, '');
const headerLine = (raw: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1] ?? '';
const LOOKS_LIKE_HTML = /^\s*<(?:!doctype|html|head|body|table|div|p|font|center|meta)\b/i;
const blank = (parts: string[]) => norm(parts.join('')) === '';

interface DifferenceClass {
  name: string;
  /** How many sampled mails fall in this class, per field it explains. */
  expected: Partial<Record<Field, number>>;
  matches: (c: Case) => boolean;
}

/** Checked in order; the first class that fits a disagreement explains it. */
const CLASSES: DifferenceClass[] = [
  {
    name: 'we cut bodies at LIMITS.bodyChars and mark the cut',
    expected: { body: 2 },
    // Compared on ASCII alone, so a cut mail with 8-bit text of its own still counts here.
    matches: ({ ours, b }) =>
      ours.truncated && asciiOnly(b).startsWith(asciiOnly(ours.text.slice(0, -CUT_MARKER.length))),
  },
  {
    name: 'raw 8-bit text in an undeclared or wrong charset: postal-mime reads it as UTF-8 (U+FFFD), we fall back to windows-1252',
    expected: { from: 1, name: 5, subject: 18, body: 57 },
    matches: ({ a, b }) => b.includes('\ufffd') && asciiOnly(a) === asciiOnly(b),
  },
  {
    name: 'bytes that are not text in a declared multi-byte charset: the decoders resynchronise differently after the first bad byte',
    expected: { body: 1 },
    matches: ({ raw, a, b }) => {
      // Where either decoder gave up: U+FFFD, or a private-use character for an unmapped pair.
      const ourBad = a.search(/[\ue000-\uf8ff\ufffd]/);
      const theirBad = b.indexOf('\ufffd');
      const bad = Math.min(ourBad < 0 ? a.length : ourBad, theirBad < 0 ? b.length : theirBad);
      return (
        theirBad >= 0 &&
        /charset="?(?:gb2312|gbk|gb18030|big5|euc-|shift_jis|ks_c_5601)/i.test(raw) &&
        a.slice(0, bad) === b.slice(0, bad)
      );
    },
  },
  {
    name: 'postal-mime drops a display name that only repeats the address',
    expected: { name: 10 },
    matches: ({ ours, b }) => b === '' && ours.from.name.toLowerCase() === ours.from.email,
  },
  {
    name: 'an encoded word in a bare address (=?..?=@host): postal-mime decodes it into a name, we keep no name',
    expected: { name: 2 },
    matches: ({ raw, a }) => a === '' && /=\?[^?]+\?[bq]\?[^?]*\?=@/i.test(headerLine(raw, 'from')),
  },
  {
    name: 'a text/plain part that is really HTML: we show its visible text, postal-mime the markup',
    expected: { body: 22 },
    matches: ({ content }) => content.plain.some((text) => LOOKS_LIKE_HTML.test(text)),
  },
  {
    name: "a blank text/plain alternative: we show the HTML's text, postal-mime's text stays empty",
    expected: { body: 2 },
    matches: ({ content, b }) => b === '' && content.pieces.some((p) => blank(p.plain) && p.html.length > 0),
  },
  {
    name: "an HTML part shown as text beside plain parts: our HTML renderer and postal-mime's tag stripper differ",
    expected: { body: 4 },
    matches: ({ content }) => content.pieces.some((p) => blank(p.plain) && p.html.length > 0),
  },
  {
    name: 'postal-mime inlines the text of attached messages (message/rfc822); we count them as attachments',
    expected: { body: 1 },
    matches: ({ raw, content, b }) =>
      /^content-type:\s*message\/rfc822/im.test(raw) && content.plain.every((text) => b.includes(norm(text))),
  },
  {
    name: 'no delimiter line matches the declared boundary: we read the whole body as text, postal-mime finds none',
    expected: { body: 1 },
    matches: ({ raw, b }) => {
      const boundary = /boundary="?([^";\r\n]+)/i.exec(raw)?.[1];
      return b === '' && boundary !== undefined && !raw.includes(`\n--${boundary}`);
    },
  },
];

/** The two values around their first difference. */
function where(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 40), i + 80));
  return `at ${i}: ${around(a)} ≠ ${around(b)}`;
}

function compare(raw: string, ours: ParsedMessage, content: MimeContent, theirs: Email) {
  const pairs: Array<[Field, string, string]> = [
    ['from', ours.from.email, (theirs.from?.address ?? '').toLowerCase()],
    ['name', norm(ours.from.name), norm(theirs.from?.name)],
    ['subject', norm(ours.subject), norm(theirs.subject)],
  ];
  // With no plain text anywhere, our body comes from the HTML renderer in shared/untrusted, not
  // from MIME: compare the decoded HTML itself, which is what this layer hands on.
  pairs.push(
    content.plain.length > 0
      ? ['body', norm(ours.text), norm(theirs.text)]
      : ['body', norm(content.html.join('\n')), norm(theirs.html)],
  );
  return pairs
    .filter(([, a, b]) => a !== b)
    .map(([field, a, b]): Case => ({ raw, ours, content, theirs, field, a, b }));
}

describe('MIME parsing agrees with postal-mime on the SpamAssassin corpus', () => {
  it('explains every disagreement on sender, subject and body by a named class', async () => {
    const corpus = (await loadCorpus()).filter((_, i) => i % SAMPLE_EVERY === 0);
    expect(corpus.length).toBeGreaterThanOrEqual(1_500);
    const counts = new Map<DifferenceClass, Partial<Record<Field, number>>>();
    const unexplained: string[] = [];
    let agreedBodies = 0;
    for (const mail of corpus) {
      let raw = bytesToBinary(mail.raw);
      if (raw.startsWith('From ')) raw = raw.slice(raw.indexOf('\n') + 1);
      const ours = parseMessage(mail.raw);
      const { headers, body } = splitEntity(raw);
      const content = readMime(headers, body);
      const theirs = await PostalMime.parse(mail.raw);
      const cases = compare(raw, ours, content, theirs);
      if (!cases.some((c) => c.field === 'body')) agreedBodies++;
      for (const c of cases) {
        const cls = CLASSES.find((k) => k.expected[c.field] !== undefined && k.matches(c));
        if (cls) {
          const tally = counts.get(cls) ?? {};
          tally[c.field] = (tally[c.field] ?? 0) + 1;
          counts.set(cls, tally);
        } else unexplained.push(`${mail.group}/${mail.file} ${c.field}: ${where(c.a, c.b)}`);
      }
    }
    expect(unexplained).toEqual([]);
    for (const cls of CLASSES)
      expect({ [cls.name]: counts.get(cls) ?? {} }).toEqual({ [cls.name]: cls.expected });
    // Nothing else differs: the bodies outside every class agree.
    expect(agreedBodies).toBe(
      corpus.length - CLASSES.reduce((sum, cls) => sum + (cls.expected.body ?? 0), 0),
    );
  }, 600_000);
});
