/**
 * Browser benchmark: the built extension in Chromium on Gmail inboxes of 50 to 3,000 rows.
 *
 * Measures, from inside the page (performance.now(), one clock):
 * - page load (navigation start) → last row decorated, first visit (rule engine only);
 * - per row, the time from the row entering the DOM to its badge, for rows Gmail adds after load;
 * - on a revisit, the time from a row's local badge to the cached server result replacing it;
 * - main-thread long tasks (> 50 ms) during decoration, against the same page without the extension;
 * - at each page size, long animation frames (LoAF): a frame whose rendering work is mostly layout
 *   never shows up as a long task, so frames are counted too. A frame counts as Brody's when a script
 *   its entry names comes from the extension, or when it ends after Brody's first write to the page:
 *   Chromium leaves content scripts (an isolated world) out of LoAF script entries, and the bench page
 *   runs no script of its own, so every frame after that write is Brody's doing;
 * - at each page size, the main thread's script, style and layout time (Chromium's own counters),
 *   with and without the extension: the difference divided by the rows is what a row costs Brody,
 *   a figure that waiting on a loaded machine does not inflate as much as wall time;
 * - the same page without the extension, for its own long animation frames (page load).
 * Waits poll every 100 ms, not every frame: a poll on each frame would be work of the bench's own.
 * Requires `wxt build` first (`npm run bench` does it).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { mailForRow } from '../e2e/gmail-page';
import {
  connectToApi,
  EXTENSION_DIR,
  type GmailRoute,
  launchWithExtension,
  makeInboxHtml,
  makeRowHtml,
  routeGmail,
  startApi,
} from '../e2e/harness';

const ROWS = 200;
const ADDED_ROWS = 50;
const SCALE_ROWS = [50, 100, 200, 1_000, 3_000];

export interface ScaleBenchResult {
  rows: number;
  /** Navigation start → the last row's first badge. */
  lastBadgeMs: number;
  firstBadgeMs: number;
  /** (last badge − first badge) / rows: what each row costs once decoration has started. */
  msPerRow: number;
  /** Long animation frames over 50 ms with a content-script entry, from navigation until the page settles. */
  brodyLoafs: number;
  brodyLongestLoafMs: number;
  brodyBlockingMs: number;
  /** Style and layout time of those frames: the rendering work Brody's writes cost. */
  brodyLayoutMs: number;
  /** Every long animation frame over 50 ms in the same window, whoever caused it. */
  allLoafs: number;
  longTasks: number;
  /** Main-thread script time per row, the extension's page less the same page without it. */
  scriptMsPerRow: number;
  /** Style and layout time per row, likewise. */
  layoutMsPerRow: number;
  /** The same page without the extension: its long animation frames over 50 ms and the longest. */
  baselineLoafs: number;
  baselineLongestLoafMs: number;
}

interface MainThreadTime {
  scriptMs: number;
  layoutMs: number;
}

async function startCounters(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/** Chromium's cumulative main-thread counters for the page (seconds in CDP, ms here). */
async function readCounters(cdp: CDPSession): Promise<MainThreadTime> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1_000;
  return {
    scriptMs: value('ScriptDuration'),
    layoutMs: value('LayoutDuration') + value('RecalcStyleDuration'),
  };
}

export interface BrowserBenchResult {
  rows: number;
  firstVisitLastBadgeMs: number;
  firstBadgeMs: number;
  /** Durations of long tasks before the first badge (page load and script start). */
  startupLongTasks: number[];
  addedRowP50Ms: number;
  addedRowMaxMs: number;
  cacheSwapP50Ms: number;
  cacheSwapMaxMs: number;
  longTasksWithExtension: number;
  longestTaskMs: number;
  /** Long tasks of the same page load without the extension. */
  longTasksWithout: number[];
  contentScriptBytes: number;
  contentScriptGzipBytes: number;
  scale: ScaleBenchResult[];
}

/** Installed before any page script: records long tasks and when each row gets a badge or changes source. */
const PROBE = `
(() => {
  const probe = { longTasks: [], loafs: [], firstWrite: null, decorated: new Map(), swapped: new Map(), appeared: new Map() };
  window.__brodyProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.loafs.push({
        start: e.startTime,
        duration: e.duration,
        blocking: e.blockingDuration,
        layout: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
        scripts: e.scripts.map((s) => ({
          url: s.sourceURL,
          invoker: s.invoker,
          duration: s.duration,
          forced: s.forcedStyleAndLayoutDuration,
        })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const watch = () => {
    new MutationObserver((records) => {
      const now = performance.now();
      for (const r of records) {
        if (r.type === 'childList') {
          for (const n of r.addedNodes) {
            if (probe.firstWrite === null && n.nodeType === 1 && n.dataset.brody) probe.firstWrite = now;
            if (n.nodeType === 1 && n.matches('tr.zA') && n.dataset.benchKey) probe.appeared.set(n.dataset.benchKey, now);
          }
          continue;
        }
        const t = r.target;
        if (t.nodeType !== 1) continue;
        if (r.attributeName === 'data-brody-urgency' && t.matches('tr.zA')) {
          const key = t.dataset.benchKey || t.dataset.brodyKey;
          if (key && !probe.decorated.has(key)) probe.decorated.set(key, now);
        }
        if (r.attributeName === 'data-brody-source' && t.classList.contains('brody-badge')) {
          const src = t.dataset.brodySource;
          const row = t.closest('tr.zA');
          const key = row && (row.dataset.benchKey || row.dataset.brodyKey);
          if (key && (src === 'cache' || src === 'server') && !probe.swapped.has(key)) probe.swapped.set(key, now);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-brody-urgency', 'data-brody-source'] });
  };
  if (document.documentElement) watch(); else document.addEventListener('readystatechange', watch, { once: true });
})();
`;

interface LoafEntry {
  start: number;
  duration: number;
  blocking: number;
  layout: number;
  scripts: { url: string; invoker: string; duration: number; forced: number }[];
}

interface ProbeDump {
  longTasks: { start: number; duration: number }[];
  loafs: LoafEntry[];
  firstWrite: number | null;
  decorated: [string, number][];
  swapped: [string, number][];
  appeared: [string, number][];
}

async function dump(page: Page): Promise<ProbeDump> {
  return page.evaluate(() => {
    const p = (
      window as unknown as {
        __brodyProbe: {
          longTasks: { start: number; duration: number }[];
          loafs: LoafEntry[];
          firstWrite: number | null;
          decorated: Map<string, number>;
          swapped: Map<string, number>;
          appeared: Map<string, number>;
        };
      }
    ).__brodyProbe;
    return {
      longTasks: p.longTasks,
      loafs: p.loafs,
      firstWrite: p.firstWrite,
      decorated: [...p.decorated],
      swapped: [...p.swapped],
      appeared: [...p.appeared],
    };
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function waitForRows(page: Page, count: number, attr: string): Promise<void> {
  await page.waitForFunction(
    ({ count, attr }) => document.querySelectorAll(`tr.zA[${attr}]`).length >= count,
    { count, attr },
    // A loaded machine can take long over 3,000 rows; the figures say how long, the wait only bounds it.
    { timeout: 180_000, polling: 100 },
  );
}

async function waitForServerBadges(page: Page, count: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll(
        '.brody-badge[data-brody-source="cache"], .brody-badge[data-brody-source="server"]',
      ).length >= count,
    count,
    { timeout, polling: 100 },
  );
}

async function openInbox(context: BrowserContext, before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await before?.(page);
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  return page;
}

/**
 * The same pages without the extension: each one's long animation frames and main-thread time,
 * measured over as long as the extension's page took to settle.
 */
async function runBaselines(
  pages: readonly { rows: number; html: string; settleMs: number }[],
): Promise<{ loafs: number; longestLoafMs: number; time: MainThreadTime }[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const gmail = await routeGmail(context, '');
    const results = [];
    for (const { html, settleMs } of pages) {
      gmail.setHtml(html);
      let cdp: CDPSession | undefined;
      const page = await openInbox(context, async (opened) => {
        cdp = await startCounters(context, opened);
      });
      await page.waitForLoadState('load');
      await page.waitForTimeout(settleMs);
      const time = await readCounters(cdp as CDPSession);
      const long = (await dump(page)).loafs.filter((frame) => frame.duration > 50);
      await page.close();
      results.push({
        loafs: long.length,
        longestLoafMs: Math.max(0, ...long.map((frame) => frame.duration)),
        time,
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

function contentScriptSize(): { bytes: number; gzip: number } {
  const dir = join(EXTENSION_DIR, 'content-scripts');
  let bytes = 0;
  let gzip = 0;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.js')) continue;
    const path = join(dir, file);
    bytes += statSync(path).size;
    gzip += gzipSync(readFileSync(path)).length;
  }
  return { bytes, gzip };
}

async function baselineLongTasks(html: string): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-quic'],
  });
  try {
    const context = await browser.newContext();
    await routeGmail(context, html);
    const page = await openInbox(context);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1_500);
    return (await dump(page)).longTasks.map((task) => Math.round(task.duration));
  } finally {
    await browser.close();
  }
}

const isBrody = (url: string): boolean =>
  url.startsWith('chrome-extension://') && url.includes('/content-scripts/');

/**
 * One fresh page of `rows` threads, never seen before (so nothing is cached): decoration by the
 * rules, then the server's answers replacing them, until the page is quiet.
 */
interface ScaleRun {
  result: Omit<
    ScaleBenchResult,
    'scriptMsPerRow' | 'layoutMsPerRow' | 'baselineLoafs' | 'baselineLongestLoafMs'
  >;
  time: MainThreadTime;
  html: string;
  settleMs: number;
}

async function runScale(
  context: BrowserContext,
  gmail: GmailRoute,
  rows: number,
  firstThread: number,
): Promise<ScaleRun> {
  const html = makeInboxHtml(rows, { firstThread });
  gmail.setHtml(html);
  let cdp: CDPSession | undefined;
  const openedAt = Date.now();
  const page = await openInbox(context, async (opened) => {
    cdp = await startCounters(context, opened);
  });
  await waitForRows(page, rows, 'data-brody-urgency');
  await waitForServerBadges(page, rows, 60_000).catch(() => undefined);
  await page.waitForTimeout(500);
  const settleMs = Date.now() - openedAt;
  const time = await readCounters(cdp as CDPSession);
  const result = await dump(page);
  await page.close();
  const times = result.decorated.map(([, t]) => t);
  const lastBadgeMs = Math.max(...times);
  const firstBadgeMs = Math.min(...times);
  const long = result.loafs.filter((frame) => frame.duration > 50);
  const firstWrite = result.firstWrite ?? firstBadgeMs;
  const brody = long.filter(
    (frame) =>
      frame.start + frame.duration > firstWrite || frame.scripts.some((script) => isBrody(script.url)),
  );
  return {
    html,
    settleMs,
    time,
    result: {
      rows,
      lastBadgeMs,
      firstBadgeMs,
      msPerRow: (lastBadgeMs - firstBadgeMs) / rows,
      brodyLoafs: brody.length,
      brodyLongestLoafMs: Math.max(0, ...brody.map((frame) => frame.duration)),
      brodyBlockingMs: brody.reduce((sum, frame) => sum + frame.blocking, 0),
      brodyLayoutMs: brody.reduce(
        (sum, frame) =>
          sum + frame.layout + frame.scripts.reduce((inner, script) => inner + script.forced, 0),
        0,
      ),
      allLoafs: long.length,
      longTasks: result.longTasks.filter((task) => task.duration > 50).length,
    },
  };
}

export async function runScaleBench(
  sizes: readonly number[] = SCALE_ROWS,
  onResult?: (result: ScaleBenchResult) => void,
): Promise<ScaleBenchResult[]> {
  const runs: ScaleRun[] = [];
  const api = await startApi();
  const browser = await launchWithExtension();
  try {
    await connectToApi(browser, api);
    const gmail = await routeGmail(browser.context, makeInboxHtml(1));
    let firstThread = 1_000_000;
    // One unmeasured page first: the browser's first content-script start (compiling, the service
    // worker waking) would otherwise be charged to whichever size runs first.
    await runScale(browser.context, gmail, 20, 900_000);
    for (const rows of sizes) {
      runs.push(await runScale(browser.context, gmail, rows, firstThread));
      firstThread += rows;
    }
  } finally {
    await browser.close();
    await api.close();
  }
  // Afterwards, in a browser of its own, so the two never share the machine's two cores.
  const baselines = await runBaselines(
    runs.map((run) => ({ rows: run.result.rows, html: run.html, settleMs: run.settleMs })),
  );
  return runs.map((run, index) => {
    const baseline = baselines[index] as (typeof baselines)[number];
    const rows = run.result.rows;
    const result: ScaleBenchResult = {
      ...run.result,
      scriptMsPerRow: (run.time.scriptMs - baseline.time.scriptMs) / rows,
      layoutMsPerRow: (run.time.layoutMs - baseline.time.layoutMs) / rows,
      baselineLoafs: baseline.loafs,
      baselineLongestLoafMs: baseline.longestLoafMs,
    };
    onResult?.(result);
    return result;
  });
}

export async function runBrowserBench(): Promise<BrowserBenchResult> {
  const html = makeInboxHtml(ROWS);
  const api = await startApi();
  const browser = await launchWithExtension();
  try {
    await connectToApi(browser, api);
    await routeGmail(browser.context, html);

    // First visit: nothing cached, the rule engine decorates every row.
    const first = await openInbox(browser.context);
    await waitForRows(first, ROWS, 'data-brody-urgency');
    const firstDump = await dump(first);
    const firstVisitLastBadgeMs = Math.max(...firstDump.decorated.map(([, t]) => t));

    // Rows Gmail adds after load (new mail arriving): time from insertion to badge, per row.
    // A string, not a function: tsx's name helpers do not exist in the page.
    const addedRows = Array.from({ length: ADDED_ROWS }, (_, i) => makeRowHtml(mailForRow(i), 90_000 + i));
    await first.evaluate(`(() => {
      const rows = ${JSON.stringify(addedRows)};
      const body = document.querySelector('tr.zA')?.parentElement;
      if (!body) throw new Error('no thread list');
      let i = 0;
      const add = () => {
        const holder = document.createElement('tbody');
        holder.innerHTML = rows[i] ?? '';
        const row = holder.querySelector('tr');
        if (row) {
          row.dataset.benchKey = 'added-' + i;
          body.prepend(row);
        }
        i += 1;
        if (i < rows.length) setTimeout(add, 20);
      };
      add();
    })()`);
    await waitForRows(first, ROWS + ADDED_ROWS, 'data-brody-urgency');
    await first.waitForTimeout(500);
    const added = await dump(first);
    const appeared = new Map(added.appeared);
    const addedLatency = added.decorated.flatMap(([key, t]) => {
      const start = appeared.get(key);
      return start === undefined ? [] : [t - start];
    });
    const firstBadgeMs = Math.min(...firstDump.decorated.map(([, t]) => t));
    // Before the first badge: page load and the content script's one-off start. After it: decoration.
    const startupTasks = firstDump.longTasks.filter((task) => task.start + task.duration <= firstBadgeMs);
    const longTasks = firstDump.longTasks.filter(
      (task) => task.start + task.duration > firstBadgeMs && task.start <= firstVisitLastBadgeMs,
    );
    await first.close();

    // Revisit: the server's stored results (now in the extension's cache) replace the local badges.
    const second = await openInbox(browser.context);
    await waitForServerBadges(second, ROWS, 30_000);
    const secondDump = await dump(second);
    const decoratedAt = new Map(secondDump.decorated);
    const swapLatency = secondDump.swapped.flatMap(([key, t]) => {
      const local = decoratedAt.get(key);
      return local === undefined ? [] : [Math.max(0, t - local)];
    });
    await second.close();

    const size = contentScriptSize();
    const longTasksWithout = await baselineLongTasks(html);
    await browser.close();
    await api.close();
    const scale = await runScaleBench();
    return {
      scale,
      rows: ROWS,
      firstVisitLastBadgeMs,
      addedRowP50Ms: percentile(addedLatency, 50),
      addedRowMaxMs: Math.max(...addedLatency),
      cacheSwapP50Ms: percentile(swapLatency, 50),
      cacheSwapMaxMs: Math.max(...swapLatency),
      firstBadgeMs,
      startupLongTasks: startupTasks.map((task) => Math.round(task.duration)),
      longTasksWithExtension: longTasks.length,
      longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      longTasksWithout,
      contentScriptBytes: size.bytes,
      contentScriptGzipBytes: size.gzip,
    };
  } finally {
    // Closing twice is harmless: the scale run above closes them first to free the machine.
    await browser.close().catch(() => undefined);
    await api.close().catch(() => undefined);
  }
}

export function printScaleBench(results: readonly ScaleBenchResult[]): void {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  for (const r of results) {
    console.log(
      `browser: ${r.rows} rows: navigation → last badge ${ms(r.lastBadgeMs)} (first ${ms(r.firstBadgeMs)}), ${r.msPerRow.toFixed(2)} ms per row (target ≤ 1 at 1,000, flat); ` +
        `long animation frames > 50 ms caused by Brody: ${r.brodyLoafs} (longest ${ms(r.brodyLongestLoafMs)}, blocking ${ms(r.brodyBlockingMs)}, style and layout ${ms(r.brodyLayoutMs)}; target 0 at 100 and 200 rows); ` +
        `all LoAF > 50 ms: ${r.allLoafs}; long tasks: ${r.longTasks}; ` +
        `main thread per row (less the page without Brody): script ${r.scriptMsPerRow.toFixed(2)} ms, style and layout ${r.layoutMsPerRow.toFixed(2)} ms; ` +
        `without the extension: LoAF > 50 ms ${r.baselineLoafs} (longest ${ms(r.baselineLongestLoafMs)})`,
    );
  }
}

export function printBrowserBench(r: BrowserBenchResult): void {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `browser: ${r.rows}-row inbox, navigation start → first badge ${ms(r.firstBadgeMs)}, → last row decorated ${ms(r.firstVisitLastBadgeMs)}`,
  );
  console.log(
    `browser: rows added after load, insertion → badge: p50 ${ms(r.addedRowP50Ms)}, max ${ms(r.addedRowMaxMs)} (target ≤ 50 ms)`,
  );
  console.log(
    `browser: revisit, local badge → cached server result: p50 ${ms(r.cacheSwapP50Ms)}, max ${ms(r.cacheSwapMaxMs)} (target ≤ 150 ms)`,
  );
  console.log(
    `browser: long tasks > 50 ms while decorating (first → last badge): ${r.longTasksWithExtension} (longest ${ms(r.longestTaskMs)})`,
  );
  console.log(
    `browser: long tasks before the first badge (page load + script start): [${r.startupLongTasks.join(', ')}] ms; the same page without the extension: [${r.longTasksWithout.join(', ')}] ms`,
  );
  console.log(
    `browser: the Gmail and Calendar content scripts together ${(r.contentScriptBytes / 1024).toFixed(1)} KB minified, ${(r.contentScriptGzipBytes / 1024).toFixed(1)} KB gzipped (limit 250 KB each)`,
  );
  printScaleBench(r.scale);
}

// `tsx tests/bench/browser.ts --rows 200,1000` runs only the page sizes given.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--rows');
  if (at > 0)
    await runScaleBench((process.argv[at + 1] ?? '').split(',').map(Number), (result) =>
      printScaleBench([result]),
    );
  else printBrowserBench(await runBrowserBench());
}
