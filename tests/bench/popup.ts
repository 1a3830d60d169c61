/**
 * Popup benchmark: the built extension's Today view opened 20 times over an IndexedDB holding
 * 1,000 tasks, 5,000 triaged threads and 500 events. Measures, inside the page (performance.now()
 * from navigation start), when Today is on screen with its controls live.
 * Requires `wxt build` first (`npm run bench` does it).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { withOwedAt } from '../../shared/day/model';
import { launchWithExtension } from '../e2e/harness';
import { seedIndexedDb } from '../e2e/popup-seed';

const OPENS = 20;
const TASKS = 1_000;
const THREADS = 5_000;
const EVENTS = 500;

export interface PopupBenchResult {
  opens: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The same opens over an empty database: what the page costs before any data. */
  emptyP50Ms: number;
  emptyP95Ms: number;
  /** With data, p50s: when the popup's script started its read, and how long the read took. */
  readStartP50Ms: number;
  readP50Ms: number;
}

/**
 * Marks the moment Today's sections exist (React has attached its handlers by then) and says so on
 * the console. The bench waits for that console line rather than polling with waitForFunction:
 * polling makes Playwright inject its own script into the page in the middle of the open, a cost
 * no user's popup pays.
 */
const TODAY_SHOWN = 'brody-bench:today';
const PROBE = `
(() => {
  const mark = () => {
    if (window.__todayAt === undefined && document.querySelector('.today [data-section="replies"]')) {
      window.__todayAt = performance.now();
      console.debug('${TODAY_SHOWN}');
    }
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();
`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function rows(now: number) {
  const day = 24 * 3600 * 1000;
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    id: `task-${i}`,
    title: `Task number ${i}`,
    notes: '',
    priority: (['high', 'medium', 'low'] as const)[i % 3],
    status: i % 4 === 0 ? 'completed' : 'pending',
    due: new Date(now + ((i % 30) - 10) * day).toISOString().slice(0, 10),
    source: { kind: 'manual' },
    proposedBy: 'user',
    people: [],
    order: i,
    createdAt: now,
    updatedAt: now,
  }));
  const triage = Array.from({ length: THREADS }, (_, i) => {
    const urgency = (['high', 'medium', 'low'] as const)[i % 3];
    return {
      id: `thread-${i}`,
      urgency,
      contentHash: `h${i}`,
      updatedAt: now - i * 1000,
      result: {
        id: `thread-${i}`,
        urgency,
        category: 'action',
        reasons: [{ rule: 'r', text: 'reason', weight: 1 }],
        score: 1,
        source: 'rules',
        engine: 'rules-1',
        suspicious: false,
        at: new Date(now).toISOString(),
      },
    };
  });
  // As the background stores them (people/record.ts): owedAt set where a reply is owed.
  const threads = triage.map((t, i) =>
    withOwedAt({
      id: t.id,
      subject: `Subject of thread ${i}`,
      participants: [`p${i % 50}@example.com`],
      lastAt: now - i * 1000,
      lastFrom: `p${i % 50}@example.com`,
      lastFromUser: i % 7 === 0,
      asksUser: i % 11 === 0,
      awaitingThem: i % 13 === 0,
      unread: i % 2 === 0,
      seenAt: now,
    }),
  );
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    id: `event-${i}`,
    title: `Meeting ${i}`,
    start: new Date(now + (i - 250) * 3 * 3600 * 1000).toISOString(),
    allDay: false,
    attendees: [],
    attendeeEmails: [`p${i % 50}@example.com`],
    seenAt: now,
  }));
  return { tasks, triage, threads, events };
}

interface Open {
  today: number;
  readStart: number;
  read: number;
}

async function openOnce(context: BrowserContext, url: string): Promise<Open> {
  // A new tab per open: a popup opens as a new document, with no earlier page to unload first.
  const page = await context.newPage();
  try {
    return await measureOpen(page, url);
  } finally {
    await page.close();
  }
}

async function measureOpen(page: Page, url: string): Promise<Open> {
  const shown = page.waitForEvent('console', {
    predicate: (message) => message.text() === TODAY_SHOWN,
    timeout: 10_000,
  });
  await Promise.all([shown, page.goto(url)]);
  // No named helpers inside: tsx would wrap them in a __name() the page does not have.
  return page.evaluate(() => {
    const start = performance.getEntriesByName('brody:read-start')[0]?.startTime ?? Number.NaN;
    const end = performance.getEntriesByName('brody:read-end')[0]?.startTime ?? Number.NaN;
    return {
      today: (window as unknown as { __todayAt: number }).__todayAt,
      readStart: start,
      read: end - start,
    };
  });
}

/** `extensionDir` measures another build (an older one, to compare); the current build by default. */
export async function runPopupBench(extensionDir?: string): Promise<PopupBenchResult> {
  const browser = await launchWithExtension(extensionDir ? { extensionDir } : {});
  try {
    const url = `chrome-extension://${browser.extensionId}/popup.html`;
    await browser.context.addInitScript(PROBE);
    const measure = async (): Promise<Open[]> => {
      await openOnce(browser.context, url); // warms the disk cache once, as a user's second open would
      const opens: Open[] = [];
      for (let i = 0; i < OPENS; i++) opens.push(await openOnce(browser.context, url));
      return opens;
    };
    const empty = (await measure()).map((open) => open.today);
    const seeder = await browser.context.newPage();
    await seeder.goto(url);
    await seedIndexedDb(seeder, rows(Date.now()));
    await seeder.close();
    const opens = await measure();
    const times = opens.map((open) => open.today);
    return {
      opens: OPENS,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      maxMs: Math.max(...times),
      emptyP50Ms: percentile(empty, 50),
      emptyP95Ms: percentile(empty, 95),
      readStartP50Ms: percentile(
        opens.map((open) => open.readStart),
        50,
      ),
      readP50Ms: percentile(
        opens.map((open) => open.read),
        50,
      ),
    };
  } finally {
    await browser.close();
  }
}

export function formatPopupBench(r: PopupBenchResult): string[] {
  return [
    `popup: Today interactive after open (${TASKS} tasks, ${THREADS} triaged threads, ${EVENTS} events), ${r.opens} opens: p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms (target p95 < 100 ms); empty database p50 ${r.emptyP50Ms.toFixed(1)} ms, p95 ${r.emptyP95Ms.toFixed(1)} ms; with data the read starts at p50 ${r.readStartP50Ms.toFixed(1)} ms and takes p50 ${r.readP50Ms.toFixed(1)} ms`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npx tsx tests/bench/popup.ts [extension dir]`
  for (const line of formatPopupBench(await runPopupBench(process.argv[2]))) console.log(line);
}
