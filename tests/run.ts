/**
 * `npm test`: every check, unit to browser, and one closing line `N passed, N failed` that CI counts.
 *
 * Order: static checks (types, lint), vitest (unit + API on real databases), extension build,
 * Playwright (the built extension in Chromium). A stage that cannot start counts as one failure,
 * so a broken toolchain never reads as "0 failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const report: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'brody-test-'));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status ?? 1;
}

function check(name: string, cmd: string, args: string[]): void {
  console.log(`\n=== ${name} ===`);
  const ok = run(cmd, args) === 0;
  if (ok) total.passed += 1;
  else total.failed += 1;
  report.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
}

function vitest(): void {
  console.log('\n=== vitest (unit + API) ===');
  const out = join(scratch, 'vitest.json');
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  if (!existsSync(out)) {
    total.failed += 1;
    report.push(`vitest: did not run (exit ${code})`);
    return;
  }
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  total.passed += json.numPassedTests;
  total.failed += json.numFailedTests + json.numFailedTestSuites;
  total.skipped += json.numPendingTests + json.numTodoTests;
  report.push(
    `vitest: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numFailedTestSuites} files failed to load`,
  );
  if (code !== 0 && json.numFailedTests + json.numFailedTestSuites === 0) {
    total.failed += 1;
    report.push(`vitest: exited ${code}`);
  }
}

interface PlaywrightStats {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

function playwright(): void {
  console.log('\n=== extension build ===');
  if (run('npx', ['wxt', 'build']) !== 0) {
    total.failed += 1;
    report.push('extension build: FAILED (browser tests not run)');
    return;
  }
  console.log('\n=== Playwright (built extension in Chromium) ===');
  const out = join(scratch, 'playwright.json');
  const code = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  if (!existsSync(out)) {
    total.failed += 1;
    report.push(`playwright: did not run (exit ${code})`);
    return;
  }
  const json = JSON.parse(readFileSync(out, 'utf8')) as PlaywrightStats;
  const { expected, unexpected, flaky, skipped } = json.stats;
  total.passed += expected;
  // A test that passed only on retry is not a pass.
  total.failed += unexpected + flaky + (json.errors?.length ?? 0);
  total.skipped += skipped;
  report.push(`playwright: ${expected} passed, ${unexpected + flaky} failed`);
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['biome', 'check', '.']);
vitest();
playwright();

console.log('\n=== summary ===');
for (const line of report) console.log(line);
if (total.skipped > 0) console.log(`${total.skipped} tests were skipped: every test must run.`);
const failed = total.failed + total.skipped;
console.log(`${total.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
