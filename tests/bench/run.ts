/**
 * `npm run bench`: figures and ratios, never pass/fail. Each part prints plain `name: …` lines.
 * The rule engine over the SpamAssassin corpus, its quality on the labelled sets, the AI pipeline
 * against a local 500 ms model, the API's cost over the engine's (warm batches, 50 concurrent
 * clients), sync push and pull on Postgres, the meeting brief from a full local cache (in Node and
 * in Chromium), then the built extension in Chromium.
 *
 * `--only quality` (or engine, ai, api, sync, calendar, browser; comma-separated) runs just those parts.
 */
import { spawnSync } from 'node:child_process';
import { formatAiBench, runAiBench } from './ai';
import { formatApiBench, runApiBench } from './api';
import { printBrowserBench, runBrowserBench } from './browser';
import { formatCalendarBench, runCalendarBench } from './calendar';
import { formatCalendarBrowserBench, runCalendarBrowserBench } from './calendar-browser';
import { formatEngineBench, runEngineBench } from './engine';
import { formatPopupBench, runPopupBench } from './popup';
import { formatQualityBench, loadBaseline, runQualityBench } from './quality';
import { formatSyncBench, runSyncBench } from './sync';

const PARTS = ['engine', 'quality', 'ai', 'api', 'sync', 'calendar', 'browser'] as const;
type Part = (typeof PARTS)[number];

function selectedParts(argv: string[]): Set<Part> {
  const at = argv.indexOf('--only');
  if (at === -1) return new Set(PARTS);
  const wanted = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (wanted.length === 0 || unknown.length > 0) {
    console.error(`--only takes one or more of ${PARTS.join(', ')}`);
    process.exit(2);
  }
  return new Set(wanted as Part[]);
}

const parts = selectedParts(process.argv.slice(2));

if (parts.has('engine')) for (const line of formatEngineBench(await runEngineBench())) console.log(line);
if (parts.has('quality'))
  for (const line of formatQualityBench(runQualityBench(), loadBaseline())) console.log(line);
if (parts.has('ai')) for (const line of formatAiBench(await runAiBench())) console.log(line);
if (parts.has('api')) for (const line of formatApiBench(await runApiBench())) console.log(line);
/** The browser parts measure the built extension; it is built once, the first time one needs it. */
let built = false;
function buildExtension(part: string): void {
  if (built) return;
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error(`${part}: the extension did not build; browser figures skipped`);
    process.exit(1);
  }
  built = true;
}

if (parts.has('calendar')) {
  for (const line of formatCalendarBench(await runCalendarBench())) console.log(line);
  buildExtension('calendar');
  for (const line of formatCalendarBrowserBench(await runCalendarBrowserBench())) console.log(line);
}
if (parts.has('sync')) for (const line of formatSyncBench(await runSyncBench())) console.log(line);

if (parts.has('browser')) {
  buildExtension('browser');
  printBrowserBench(await runBrowserBench());
  for (const line of formatPopupBench(await runPopupBench())) console.log(line);
}
