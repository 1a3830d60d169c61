/**
 * `npm run triage -- PATH [--me EMAIL] [--now ISO]`: triages an mbox (Google Takeout), one .eml, or a
 * folder of raw messages, printing one JSON line per message. Mailboxes are streamed, never loaded whole.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAddressList } from '../../../shared/mail/addresses';
import { firstHeader, splitEntity } from '../../../shared/mail/headers';
import { MboxSplitter, parseMessage, toSummary } from '../../../shared/mail/index';
import type { TriageContextInput } from '../../../shared/schemas';
import { triage } from '../../../shared/triage/index';

const USAGE =
  'usage: npm run triage -- PATH [--me EMAIL] [--now ISO-TIME]\n  PATH: an mbox file, one .eml, or a folder of raw messages';
/** Files in a folder that are never messages (the corpus keeps metadata .json beside each mail). */
const SKIPPED = /(?:^\.|\.json$)/;
const READ_CHUNK = 1 << 20;

interface Options {
  path: string;
  me?: string;
  now?: string;
}

function parseArgs(argv: string[]): Options | string {
  let path: string | undefined;
  let me: string | undefined;
  let now: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--me') me = argv[++i];
    else if (arg === '--now') now = argv[++i];
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (path === undefined) path = arg;
    else return `unexpected argument ${arg}`;
  }
  if (!path) return 'missing PATH';
  if (me !== undefined && !me.includes('@')) return '--me needs an email address';
  if (now !== undefined && !Number.isFinite(Date.parse(now))) return '--now needs an ISO 8601 time';
  return { path, me: me?.toLowerCase(), now };
}

/** Bidi and zero-width characters would scramble the terminal; output shows what the user can read. */
function displayText(text: string): string {
  return text.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu, '');
}

let stdoutBlocked: Promise<void> | null = null;

async function emit(line: object): Promise<void> {
  if (stdoutBlocked) await stdoutBlocked;
  if (!process.stdout.write(`${JSON.stringify(line)}\n`)) {
    stdoutBlocked = new Promise((resolve) =>
      process.stdout.once('drain', () => {
        stdoutBlocked = null;
        resolve();
      }),
    );
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function triageOne(raw: string, where: { file: string } | { index: number }, ctx: TriageContextInput) {
  try {
    const summary = toSummary(parseMessage(raw));
    const result = triage(summary, { ...ctx, now: ctx.now ?? summary.date });
    await emit({
      id: summary.id,
      from: summary.from.email || displayText(summary.from.name),
      subject: displayText(summary.subject),
      urgency: result.urgency,
      category: result.category,
      reasons: result.reasons.map((r) => r.text),
      suspicious: result.suspicious,
    });
  } catch (error) {
    await emit({ ...where, error: errorText(error) });
  }
}

async function* mboxMessages(path: string): AsyncGenerator<string> {
  // latin1 keeps one char per byte, so each MIME part can be decoded in its own charset later.
  const stream = createReadStream(path, { encoding: 'latin1', highWaterMark: READ_CHUNK });
  const splitter = new MboxSplitter();
  for await (const chunk of stream) yield* splitter.push(chunk as string);
  yield* splitter.end();
}

async function* folderFiles(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (SKIPPED.test(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* folderFiles(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Sender history for the context: who the mailbox owner replies to. The owner is --me, or else the
 * most frequent sender of replies (In-Reply-To) — in a personal mailbox that is the user.
 */
async function senderStats(messages: AsyncIterable<string>, me: string | undefined) {
  const received = new Map<string, number>();
  const repliedTo = new Map<string, Map<string, number>>();
  const replySenders = new Map<string, number>();
  for await (const raw of messages) {
    const { headers } = splitEntity(raw.slice(0, 64 * 1024));
    const from = parseAddressList(firstHeader(headers, 'from'), 1)[0]?.email;
    if (!from) continue;
    received.set(from, (received.get(from) ?? 0) + 1);
    if (!headers.has('in-reply-to')) continue;
    replySenders.set(from, (replySenders.get(from) ?? 0) + 1);
    const targets = repliedTo.get(from) ?? new Map<string, number>();
    for (const to of parseAddressList(headers.get('to')?.join(', '), 20)) {
      if (to.email) targets.set(to.email, (targets.get(to.email) ?? 0) + 1);
    }
    repliedTo.set(from, targets);
  }
  const owner = me ?? [...replySenders.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const stats: Record<string, { received: number; replied: number }> = {};
  if (!owner) return { owner, stats };
  for (const [sender, replied] of repliedTo.get(owner) ?? []) {
    stats[sender] = { received: received.get(sender) ?? 0, replied };
  }
  return { owner, stats };
}

async function run(options: Options): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(options.path);
  } catch {
    process.stderr.write(`triage: no such file or folder: ${options.path}\n${USAGE}\n`);
    return 2;
  }
  const baseCtx: TriageContextInput = { now: options.now, userEmails: options.me ? [options.me] : [] };

  if (info.isDirectory()) {
    async function* contents() {
      for await (const file of folderFiles(options.path)) yield await readFile(file, 'latin1');
    }
    const { owner, stats } = await senderStats(contents(), options.me);
    const ctx = { ...baseCtx, userEmails: owner ? [owner] : [], senderStats: stats };
    for await (const file of folderFiles(options.path)) {
      let raw: string;
      try {
        raw = await readFile(file, 'latin1');
      } catch (error) {
        await emit({ file, error: errorText(error) });
        continue;
      }
      await triageOne(raw, { file }, ctx);
    }
    return 0;
  }

  const { owner, stats } = await senderStats(mboxMessages(options.path), options.me);
  const ctx = { ...baseCtx, userEmails: owner ? [owner] : [], senderStats: stats };
  let index = 0;
  for await (const raw of mboxMessages(options.path)) {
    await triageOne(raw, { index }, ctx);
    index++;
  }
  return 0;
}

const options = parseArgs(process.argv.slice(2));
if (options === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else if (typeof options === 'string') {
  process.stderr.write(`triage: ${options}\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  run(options).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`triage: ${errorText(error)}\n`);
      process.exitCode = 1;
    },
  );
}
