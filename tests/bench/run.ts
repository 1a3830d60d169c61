/**
 * `npm run bench`: figures and ratios, never pass/fail. Each part prints plain `name: …` lines.
 * The rule engine over the SpamAssassin corpus, the AI pipeline against a local 500 ms model, then
 * the built extension in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { formatAiBench, runAiBench } from './ai';
import { printBrowserBench, runBrowserBench } from './browser';
import { formatEngineBench, runEngineBench } from './engine';
import { formatPopupBench, runPopupBench } from './popup';

for (const line of formatEngineBench(await runEngineBench())) console.log(line);
for (const line of formatAiBench(await runAiBench())) console.log(line);

const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('browser: the extension did not build; browser figures skipped');
  process.exit(1);
}
printBrowserBench(await runBrowserBench());
for (const line of formatPopupBench(await runPopupBench())) console.log(line);
