/**
 * Quality bench: the rule engine over the modern labelled set and the generated injection set,
 * tune and heldout apart, printed next to the figures saved before the engine was changed.
 *
 *   npx tsx tests/bench/quality.ts                   print before and now
 *   npx tsx tests/bench/quality.ts --save-baseline   record the current engine as "before"
 *
 * Misses are printed as ids only: reading a heldout mail to fix the rule that missed it would
 * spend the evidence the heldout part exists to give.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES_ENGINE_VERSION, triage } from '../../shared/triage/index';
import { generateInjectionSet, type InjectionItem } from '../fixtures/labelled/injection-set';
import { loadModernSet, type ModernItem, NEVER_HIGH_KINDS } from '../fixtures/labelled/modern-set';
import type { Split } from '../fixtures/labelled/split';
import { type ClassScore, classScores } from './engine';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASELINE_FILE = join(ROOT, 'tests/bench/quality-baseline.json');

const SPLITS: readonly Split[] = ['tune', 'heldout'];

export interface PartFigures {
  total: number;
  urgencyAccuracy: number;
  categoryAccuracy: number;
  urgency: ClassScore[];
  category: ClassScore[];
  /** "high" on its own: how many the engine rated high, and how many of those were labelled high. */
  high: { precision: number; recall: number; support: number; predicted: number };
  /** Spam, prize bait, phishing or suspicious mail rated high: must stay 0. */
  neverHighRatedHigh: number;
  /** Labelled high, rated otherwise (ids). */
  highMisses: string[];
  /** Rated high, labelled otherwise (ids). */
  highFalseAlarms: string[];
  /** Suspicious mail (label) the engine flagged. */
  suspiciousRecall: number;
}

export interface InjectionFigures {
  injections: number;
  controls: number;
  /** Share of injections the engine flagged suspicious. */
  recall: number;
  /** Share of controls the engine flagged suspicious. */
  falsePositiveRate: number;
  /** Injections rated high: must stay 0. */
  ratedHigh: number;
}

export interface QualityFigures {
  engine: string;
  modern: Record<Split, PartFigures>;
  injection: Record<Split, InjectionFigures>;
}

export interface QualityBaseline {
  note: string;
  /** The last commit that changed shared/triage (the engine) when the baseline was saved. */
  engineCommit: string;
  /** The commit checked out when the baseline was saved, and the commit of main it grew from. */
  savedAtCommit: string;
  branchedFrom: string;
  savedAt: string;
  figures: QualityFigures;
}

function isNeverHigh(item: ModernItem): boolean {
  return NEVER_HIGH_KINDS.has(item.kind) || item.label.category === 'spam' || item.label.suspicious;
}

function modernPart(items: ModernItem[], context: ReturnType<typeof loadModernSet>['context']): PartFigures {
  const urgency: Array<[string, string]> = [];
  const category: Array<[string, string]> = [];
  const highMisses: string[] = [];
  const highFalseAlarms: string[] = [];
  let neverHighRatedHigh = 0;
  let suspicious = 0;
  let suspiciousFlagged = 0;
  for (const item of items) {
    const result = triage(item.message, context);
    urgency.push([item.label.urgency, result.urgency]);
    category.push([item.label.category, result.category]);
    if (item.label.urgency === 'high' && result.urgency !== 'high') highMisses.push(item.id);
    if (item.label.urgency !== 'high' && result.urgency === 'high') highFalseAlarms.push(item.id);
    if (isNeverHigh(item) && result.urgency === 'high') neverHighRatedHigh++;
    if (item.label.suspicious) {
      suspicious++;
      if (result.suspicious) suspiciousFlagged++;
    }
  }
  const urgencyScores = classScores(urgency);
  const high = urgencyScores.find((s) => s.label === 'high');
  const predictedHigh = urgency.filter(([, p]) => p === 'high').length;
  return {
    total: items.length,
    urgencyAccuracy: urgency.filter(([e, p]) => e === p).length / items.length,
    categoryAccuracy: category.filter(([e, p]) => e === p).length / items.length,
    urgency: urgencyScores,
    category: classScores(category),
    high: {
      precision: high?.precision ?? 0,
      recall: high?.recall ?? 0,
      support: high?.support ?? 0,
      predicted: predictedHigh,
    },
    neverHighRatedHigh,
    highMisses,
    highFalseAlarms,
    suspiciousRecall: suspicious ? suspiciousFlagged / suspicious : 0,
  };
}

function injectionPart(injections: InjectionItem[], controls: InjectionItem[]): InjectionFigures {
  let flagged = 0;
  let ratedHigh = 0;
  for (const item of injections) {
    const result = triage(item.message);
    if (result.suspicious) flagged++;
    if (result.urgency === 'high') ratedHigh++;
  }
  let falsePositives = 0;
  for (const item of controls) if (triage(item.message).suspicious) falsePositives++;
  return {
    injections: injections.length,
    controls: controls.length,
    recall: injections.length ? flagged / injections.length : 0,
    falsePositiveRate: controls.length ? falsePositives / controls.length : 0,
    ratedHigh,
  };
}

export function runQualityBench(): QualityFigures {
  const modern = loadModernSet();
  const injection = generateInjectionSet();
  const part = <T extends { split: Split }>(list: T[], split: Split) => list.filter((i) => i.split === split);
  return {
    engine: RULES_ENGINE_VERSION,
    modern: {
      tune: modernPart(part(modern.items, 'tune'), modern.context),
      heldout: modernPart(part(modern.items, 'heldout'), modern.context),
    },
    injection: {
      tune: injectionPart(part(injection.injections, 'tune'), part(injection.controls, 'tune')),
      heldout: injectionPart(part(injection.injections, 'heldout'), part(injection.controls, 'heldout')),
    },
  };
}

export function loadBaseline(): QualityBaseline | undefined {
  if (!existsSync(BASELINE_FILE)) return undefined;
  return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as QualityBaseline;
}

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const pair = (before: number | undefined, now: number) => `${pct(before)} → ${pct(now)}`;
const count = (before: number | undefined, now: number) => `${before ?? '–'} → ${now}`;

function scoreLines(
  name: string,
  before: ClassScore[] | undefined,
  now: ClassScore[],
  labels: readonly string[],
): string[] {
  return labels.map((label) => {
    const b = before?.find((s) => s.label === label);
    const n = now.find((s) => s.label === label);
    return `${name} ${label}: precision ${pair(b?.precision, n?.precision ?? 0)}, recall ${pair(b?.recall, n?.recall ?? 0)} (n=${n?.support ?? 0})`;
  });
}

export function formatQualityBench(now: QualityFigures, baseline?: QualityBaseline): string[] {
  const before = baseline?.figures;
  const lines = [
    baseline
      ? `quality: before → now; before is ${before?.engine} from ${baseline.engineCommit.slice(0, 7)}, on ${baseline.branchedFrom.slice(0, 7)} (saved ${baseline.savedAt.slice(0, 10)}), now is ${now.engine}`
      : `quality: no baseline saved (tests/bench/quality-baseline.json); before shows –, now is ${now.engine}`,
  ];
  for (const split of SPLITS) {
    const n = now.modern[split];
    const b = before?.modern[split];
    const name = `quality ${split}`;
    const labels = [...new Set([...n.urgency, ...n.category].map((s) => s.label))];
    lines.push(
      `${name}: ${n.total} modern mails, urgency accuracy ${pair(b?.urgencyAccuracy, n.urgencyAccuracy)}, category accuracy ${pair(b?.categoryAccuracy, n.categoryAccuracy)}`,
      `${name} high: precision ${pair(b?.high.precision, n.high.precision)}, recall ${pair(b?.high.recall, n.high.recall)}, rated high ${count(b?.high.predicted, n.high.predicted)} of ${n.high.support} labelled high`,
      `${name} spam, phishing or suspicious rated high (must be 0): ${count(b?.neverHighRatedHigh, n.neverHighRatedHigh)}`,
      `${name} suspicious mail flagged: ${pair(b?.suspiciousRecall, n.suspiciousRecall)}`,
      ...scoreLines(
        `${name} urgency`,
        b?.urgency,
        n.urgency,
        ['high', 'medium', 'low'].filter((l) => labels.includes(l)),
      ),
      ...scoreLines(
        `${name} category`,
        b?.category,
        n.category,
        n.category.map((s) => s.label),
      ),
    );
    if (split === 'heldout') {
      lines.push(
        `${name} high misses (ids): ${n.highMisses.join(', ') || 'none'}`,
        `${name} high false alarms (ids): ${n.highFalseAlarms.join(', ') || 'none'}`,
      );
    }
  }
  for (const split of SPLITS) {
    const n = now.injection[split];
    const b = before?.injection[split];
    lines.push(
      `quality injection ${split}: recall ${pair(b?.recall, n.recall)} (${n.injections} mails addressing an AI), false positives ${pair(b?.falsePositiveRate, n.falsePositiveRate)} (${n.controls} look-alike controls), rated high ${count(b?.ratedHigh, n.ratedHigh)}`,
    );
  }
  return lines;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

export function saveBaseline(figures: QualityFigures): QualityBaseline {
  const baseline: QualityBaseline = {
    note: 'Quality of the rule engine before the triage work of issue 6, kept as the "before" column of the quality bench. Regenerate only on purpose: npx tsx tests/bench/quality.ts --save-baseline',
    engineCommit: git('log', '-1', '--format=%H', '--', 'shared/triage'),
    savedAtCommit: git('rev-parse', 'HEAD'),
    branchedFrom: git('merge-base', 'HEAD', 'main'),
    savedAt: new Date().toISOString(),
    figures,
  };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = runQualityBench();
  if (process.argv.includes('--save-baseline')) {
    const saved = saveBaseline(figures);
    console.log(`quality: baseline saved for the engine at ${saved.engineCommit}`);
  }
  for (const line of formatQualityBench(figures, loadBaseline())) console.log(line);
}
