/**
 * `npm run bench`: figures and ratios, never pass/fail. Each part prints plain `name: …` lines.
 * The rule engine over the SpamAssassin corpus, the AI pipeline against a local 500 ms model, then
 * the built extension in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { formatAiBench, runAiBench } from './ai';
import { printBrowserBench, runBrowserBench } from './browser';
import { formatEngineBench, runEngineBench } from './engine';

// `--only engine|ai|browser` runs one part, e.g. to measure a parser change without a browser.
const flag = process.argv.indexOf('--only');
const only = flag >= 0 ? process.argv[flag + 1] : undefined;
if (only !== undefined && !['engine', 'ai', 'browser'].includes(only)) {
  console.error(`bench: unknown part "${only}" (engine, ai or browser)`);
  process.exit(2);
}

if (!only || only === 'engine') {
  for (const line of formatEngineBench(await runEngineBench())) console.log(line);
}
if (!only || only === 'ai') {
  for (const line of formatAiBench(await runAiBench())) console.log(line);
}
if (only && only !== 'browser') process.exit(0);

const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('browser: the extension did not build; browser figures skipped');
  process.exit(1);
}
printBrowserBench(await runBrowserBench());
