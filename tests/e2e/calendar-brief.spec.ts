/**
 * The meeting brief in the real built extension: Gmail pages in the same profile teach Brody who
 * wrote what, then a routed Calendar opens an event the way Calendar does (skeleton, filled,
 * rebuilt) and the panel shows the attendees with their threads, tasks and replies owed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test, type Worker } from '@playwright/test';
import {
  ALICE,
  BOB,
  encodeEid,
  HIDDEN_LINE,
  IMG_TEXT,
  INJECTION_LINE,
  makeEventPageHtml,
  makeWeekHtml,
  PAT,
  sampleEvents,
  weekDays,
} from './calendar-page';
import type { SampleMail } from './gmail-mails';
import { escapeHtml, makeInboxHtml, makeRowHtml } from './gmail-page';
import {
  DEMO_SUBJECT,
  demoThreadMessages,
  makeThreadHtml,
  THREAD_LEGACY_ID,
  THREAD_URL_TOKEN,
  THREAD_USER,
} from './gmail-thread-page';
import {
  type ExtensionBrowser,
  type GmailRoute,
  launchWithExtension,
  openGmail,
  routeGmail,
} from './harness';

const CALENDAR_URL = 'https://calendar.google.com/calendar/u/0/r/week';
const PANEL = '[data-brody-panel="brief"]';
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const now = new Date();
const events = sampleEvents(now);
const [planning, vendor] = events as [(typeof events)[0], (typeof events)[0]];

function mail(
  fromName: string,
  fromEmail: string,
  subject: string,
  snippet: string,
  minutesAgo: number,
): SampleMail {
  return { tag: subject, fromName, fromEmail, subject, snippet, minutesAgo, unread: true };
}

const ROWS = [
  mail(
    ALICE.name,
    ALICE.email,
    'Q1 budget numbers',
    'Could you send the final numbers before our planning meeting?',
    30,
  ),
  mail(BOB.name, BOB.email, 'Hiring plan draft', 'Attached is the draft plan for the platform team.', 90),
];

function inboxHtml(): string {
  const rows = ROWS.map((row, index) => makeRowHtml(row, 500 + index, now)).join('\n');
  return makeInboxHtml(0).replace('<tbody>\n\n</tbody>', `<tbody>\n${rows}\n</tbody>`);
}

/** Runs in the service worker: raw IndexedDB, so the test reads and seeds what the background stores. */
async function idb<T>(worker: Worker, store: string, op: 'all' | 'put', value?: unknown): Promise<T> {
  return worker.evaluate(
    ({ store, op, value }) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('brody');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, op === 'put' ? 'readwrite' : 'readonly');
          const request = op === 'put' ? tx.objectStore(store).put(value) : tx.objectStore(store).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { store, op, value },
  ) as Promise<T>;
}

async function setStored(worker: Worker, items: Record<string, unknown>): Promise<void> {
  const encoded = Object.fromEntries(
    Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)]),
  );
  await worker.evaluate(async (values) => {
    await (
      globalThis as unknown as {
        chrome: { storage: { local: { set(v: Record<string, string>): Promise<void> } } };
      }
    ).chrome.storage.local.set(values);
  }, encoded);
}

function task(id: string, title: string, extra: Record<string, unknown>) {
  const at = Date.now();
  return {
    id,
    title,
    notes: '',
    priority: 'high',
    status: 'pending',
    source: { kind: 'manual' },
    proposedBy: 'user',
    people: [],
    order: at,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

async function panelText(page: Page): Promise<string> {
  return (await page.locator(PANEL).locator('.body').textContent()) ?? '';
}

// No API: everything the brief shows comes from the browser; the background's API calls just fail.
let session: { browser: ExtensionBrowser; gmail: GmailRoute; close(): Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const browser = await launchWithExtension();
  session = { browser, gmail: await routeGmail(browser.context, inboxHtml()), close: () => browser.close() };
  const worker = session.browser.serviceWorker;
  await setStored(worker, { userEmails: [PAT.email, THREAD_USER.email] });
  const byId = Object.fromEntries(events.map((event) => [encodeEid(event.id, event.calendar), event]));
  await session.browser.context.route('https://calendar.google.com/**', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fulfill({ status: 404, body: '' });
    // The full event page, by its edit path or by the event's own link, for a known event.
    const url = new URL(route.request().url());
    const eid = url.searchParams.get('eid') ?? url.pathname.split('/r/eventedit/')[1] ?? '';
    const opened = byId[eid];
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: opened
        ? makeEventPageHtml(opened)
        : makeWeekHtml({ days: weekDays(now), events: Object.values(byId), interactive: true }),
    });
  });
});

test.afterAll(async () => {
  await session?.close();
});

test('the brief shows what Gmail taught Brody, survives Calendar rebuilding the dialog, and toggles', async () => {
  const worker = session.browser.serviceWorker;
  const context = session.browser.context;

  // Gmail: the inbox rows, then an opened thread with Bob, are recorded as threads seen.
  const gmail = await openGmail(context, { expectedBadges: 2 });
  await expect.poll(async () => (await idb<{ id: string }[]>(worker, 'threads', 'all')).length).toBe(2);
  session.gmail.setHtml(
    makeThreadHtml({
      subject: DEMO_SUBJECT,
      messages: demoThreadMessages(now),
      legacyThreadId: THREAD_LEGACY_ID,
    }),
  );
  await gmail.close();
  const thread = await openGmail(context, { hash: `#inbox/${THREAD_URL_TOKEN}` });
  await expect
    .poll(
      async () =>
        (await idb<{ id: string; asksUser: boolean }[]>(worker, 'threads', 'all')).find(
          (t) => t.id === THREAD_LEGACY_ID,
        )?.asksUser,
    )
    .toBe(true);
  await thread.close();

  // Tasks: one involving Alice, one made from Bob's thread, one already done (must not show).
  await idb(worker, 'tasks', 'put', task('task-alice', 'Send Alice the Q1 deck', { people: [ALICE.email] }));
  await idb(
    worker,
    'tasks',
    'put',
    task('task-thread', 'Share the Q3 budget numbers', {
      threadId: THREAD_LEGACY_ID,
      source: { kind: 'thread', threadId: THREAD_LEGACY_ID },
    }),
  );
  await idb(
    worker,
    'tasks',
    'put',
    task('task-done', 'Old finished task', {
      people: [ALICE.email],
      status: 'completed',
      completedAt: Date.now(),
    }),
  );

  const page = await context.newPage();
  await page.goto(CALENDAR_URL);
  const panel = page.locator(PANEL);
  await expect(panel).toHaveCount(1);
  await expect(panel.locator('.body')).toContainText('No upcoming meeting seen yet');

  // Open the event: the panel shows the brief from the skeleton, then the guests once Calendar fills them.
  await page.locator(`[data-eventid="${encodeEid(planning.id, planning.calendar)}"]`).click();
  await expect(panel.locator('[data-brody-title]')).toHaveText('Q1 planning');
  const alice = panel.locator(`[data-brody-attendee="${ALICE.email}"]`);
  const bob = panel.locator(`[data-brody-attendee="${BOB.email}"]`);
  await expect(alice).toContainText('Alice Chen');
  await expect(alice).toContainText('Q1 budget numbers');
  await expect(alice).toContainText('Task: Send Alice the Q1 deck');
  await expect(alice.locator('[data-brody-reply="you_owe"]')).toContainText('Q1 budget numbers');
  await expect(bob).toContainText('Hiring plan draft');
  await expect(bob).toContainText(DEMO_SUBJECT);
  await expect(bob).toContainText('Task: Share the Q3 budget numbers');
  await expect(bob.locator('[data-brody-reply="you_owe"]')).toContainText(DEMO_SUBJECT);
  await expect(panel.locator(`[data-brody-attendee="${PAT.email}"]`)).toContainText('you');
  expect(await panelText(page)).not.toContain('Old finished task');
  await expect(alice.locator('a').first()).toHaveAttribute(
    'href',
    /^https:\/\/mail\.google\.com\/mail\/u\/0\/#all\/[0-9a-f]+$/,
  );
  await expect(panel.locator('[data-brody-agenda="description"] li')).toHaveText([
    'Q1 budget numbers',
    'Hiring plan for the platform team',
    'Notes doc: https://docs.example/q1',
  ]);
  await expect(panel.locator('[data-brody-when]')).toContainText(/in \d+ (?:h|day)/);
  await expect(panel.locator('[data-brody-join]')).toHaveAccessibleName('Join the meeting');
  await expect(panel.locator('[data-brody-source="rules"]')).toContainText('Rules');

  // Calendar rebuilds the sections 450 ms after opening; the panel lives outside them and stays.
  await page.waitForTimeout(700);
  expect(
    await page.evaluate(() =>
      document.querySelector('#xDetDlg [data-brody-panel], [role=dialog] [data-brody-panel]'),
    ),
  ).toBeNull();
  expect(
    await page.evaluate(() => document.querySelector('[data-brody-panel="brief"]')?.parentElement?.tagName),
  ).toBe('BODY');
  await expect(alice).toContainText('Q1 budget numbers');

  // Prep: the user's own click and key set the checklist and the status.
  await panel.locator('[data-brody-check="threads"]').click();
  await panel.locator('[data-brody-prep="status"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect
    .poll(
      async () =>
        (
          await idb<{ eventId: string; status: string; checklist: { id: string; done: boolean }[] }[]>(
            worker,
            'prep',
            'all',
          )
        )[0],
    )
    .toMatchObject({
      eventId: planning.id,
      status: 'in_progress',
      checklist: expect.arrayContaining([{ id: 'threads', text: expect.any(String), done: true }]),
    });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'calendar-brief.png') });

  // The toggle key hides and shows the panel, and a reload remembers the choice.
  await page.locator('header[role=banner]').click();
  await page.keyboard.press('Shift+B');
  await expect(panel.locator('aside')).toHaveAttribute('data-open', 'false');
  await page.reload();
  await expect(page.locator(PANEL).locator('aside')).toHaveAttribute('data-open', 'false');
  await page.keyboard.press('Shift+B');
  await expect(page.locator(PANEL).locator('aside')).toHaveAttribute('data-open', 'true');
  // With no event open, the panel shows the next meeting Brody has seen.
  await expect(page.locator(PANEL).locator('[data-brody-origin]')).toHaveText('Next meeting');
  await expect(page.locator(PANEL).locator('[data-brody-title]')).toHaveText('Q1 planning');
  await page.close();
});

test('a hostile description is shown as data, flagged, and changes nothing', async () => {
  const worker = session.browser.serviceWorker;
  const tasksBefore = await idb<unknown[]>(worker, 'tasks', 'all');
  const page = await session.browser.context.newPage();
  await page.goto(CALENDAR_URL);
  await page.locator(`[data-eventid="${encodeEid(vendor.id, vendor.calendar)}"]`).click();
  const panel = page.locator(PANEL);
  await expect(panel.locator('[data-brody-title]')).toHaveText('Vendor check-in');
  await expect(panel.locator('[data-brody-flag="injection"] q')).toHaveText([INJECTION_LINE]);
  await expect(panel.locator('[data-brody-flag="hidden"]')).toBeVisible();
  await expect(panel.locator('[data-brody-agenda="description"] li')).toHaveText([
    'Contract renewal',
    IMG_TEXT,
  ]);
  const text = await panelText(page);
  expect(text).not.toContain(HIDDEN_LINE);
  expect(await panel.locator('img, script, iframe').count()).toBe(0);
  expect(await page.title()).not.toBe('pwned');
  await expect(panel.locator('[data-brody-prep="status"]')).toHaveValue('not_started');
  // Nothing the description said happened: the tasks are as they were.
  expect(await idb<unknown[]>(worker, 'tasks', 'all')).toEqual(tasksBefore);
  expect(escapeHtml(IMG_TEXT)).not.toBe(IMG_TEXT);
  await page.close();
});

test('the full event page, opened by its link or its edit path, gets the same brief', async () => {
  const eid = encodeEid(planning.id, planning.calendar);
  for (const url of [
    `https://calendar.google.com/calendar/event?eid=${eid}`,
    `https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`,
  ]) {
    const page = await session.browser.context.newPage();
    await page.goto(url);
    const panel = page.locator(PANEL);
    await expect(panel.locator('[data-brody-title]')).toHaveText('Q1 planning');
    await expect(panel.locator('[data-brody-origin="page"]')).toHaveText('Open event');
    const alice = panel.locator(`[data-brody-attendee="${ALICE.email}"]`);
    await expect(alice).toContainText('Alice Chen');
    // What the Gmail pages taught Brody in the first test.
    await expect(alice).toContainText('Q1 budget numbers');
    await expect(panel.locator(`[data-brody-attendee="${BOB.email}"]`)).toContainText('Hiring plan draft');
    await expect(panel.locator('[data-brody-agenda="description"] li')).toHaveText([
      'Q1 budget numbers',
      'Hiring plan for the platform team',
      'Notes doc: https://docs.example/q1',
    ]);
    await expect(panel.locator('[data-brody-when]')).toContainText(/in \d+ (?:h|day)/);
    expect(
      await page.evaluate(() => document.querySelector('[data-brody-panel]')?.parentElement?.tagName),
    ).toBe('BODY');
    await page.close();
  }
});

test('the options page says in plain words how Brody read Calendar', async () => {
  const { context, extensionId } = session.browser;
  const eid = encodeEid(planning.id, planning.calendar);
  // The week with an event's dialog open, and the full event page, each left open a moment.
  const full = await context.newPage();
  await full.goto(`https://calendar.google.com/calendar/u/0/r/eventedit/${eid}`);
  await expect(full.locator(PANEL).locator('[data-brody-title]')).toHaveText('Q1 planning');
  const week = await context.newPage();
  await week.goto(CALENDAR_URL);
  await week.locator(`[data-eventid="${eid}"]`).click();
  await expect(week.locator(PANEL).locator('[data-brody-title]')).toHaveText('Q1 planning');
  const options = await context.newPage();
  const row = (name: string) =>
    options
      .getByRole('region', { name: 'Google Calendar page check' })
      .locator(`tr[data-selector="${name}"] td`);
  await expect
    .poll(async () => {
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      return [
        await row('eventChip').textContent(),
        await row('detailsBody').textContent(),
        await row('editTitle').textContent(),
      ];
    })
    .toEqual(['Found', 'Found', expect.stringMatching(/^Found/)]);
  await expect(options.getByTestId('calendar-health-summary')).toHaveText(
    /^Brody works on your Calendar: it read the event you opened for its brief\. It saw \d+ events/,
  );
  const section = options.getByRole('region', { name: 'Google Calendar page check' });
  await expect(section.locator('tr.problem')).toHaveCount(0);
  // Plain words only: no selector text reaches the page.
  expect(await section.textContent()).not.toMatch(/#xDetDlg|data-eventid|\[role/);
  await options.close();
  await week.close();
  await full.close();
});
