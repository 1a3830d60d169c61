/**
 * The popup's Today and Tasks views in the real built extension, with the day seeded straight into
 * the extension's IndexedDB: meetings with prep, top tasks, urgent unread mail, replies owed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type SeenThread, withOwedAt } from '../../shared/day/model';
import { type ExtensionSession, makeInboxHtml, startExtensionSession, threadIds } from './harness';
import { localDayString, localTodayAt, seedIndexedDb } from './popup-seed';

const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
let session: ExtensionSession;

test.beforeAll(async () => {
  session = await startExtensionSession(makeInboxHtml(3));
  await session.browser.context.route('https://calendar.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Google Calendar</title>' }),
  );
});
test.afterAll(() => session?.close());

async function openPopup(): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.setViewportSize({ width: 400, height: 760 });
  await page.goto(`chrome-extension://${session.browser.extensionId}/popup.html`);
  return page;
}

const base = { notes: '', status: 'pending', proposedBy: 'user', people: [], createdAt: 1, updatedAt: 1 };
const triaged = (id: string, urgency: 'high' | 'low', updatedAt: number) => ({
  id,
  urgency,
  contentHash: id,
  updatedAt,
  result: {
    id,
    urgency,
    category: 'action',
    reasons: [{ rule: 'deadline', text: 'deadline today', weight: 3 }],
    score: 3,
    source: 'rules',
    engine: 'rules-1',
    suspicious: false,
    at: new Date(updatedAt).toISOString(),
  },
});
/** A thread as the background stores it, owedAt included (people/record.ts). */
const seen = (id: string, fields: Partial<SeenThread>) =>
  withOwedAt({
    id,
    subject: '',
    participants: [],
    lastAt: Date.now(),
    lastFromUser: false,
    asksUser: false,
    awaitingThem: false,
    unread: true,
    seenAt: Date.now(),
    ...fields,
  });

test('an empty day says so in every section, with the sync and API lines', async () => {
  const page = await openPopup();
  await expect(page.getByRole('tab', { name: 'Today' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No meetings today.')).toBeVisible();
  await expect(page.getByText('No open tasks.')).toBeVisible();
  await expect(page.getByText('No urgent unread mail.')).toBeVisible();
  await expect(page.getByText('No replies owed either way.')).toBeVisible();
  await expect(page.locator('[data-sync="on"]')).toContainText('Synced');
  await expect(page.getByRole('status').filter({ hasText: 'API reachable' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  // The day was read by the page's first, classic script (today-read.js, the only code that marks
  // the read), before React's bundle ran, and the bundle took the read over.
  const early = await page.evaluate(() => ({
    marks: performance.getEntriesByName('brody:read-start').length,
    first: document.head.querySelector('script')?.getAttribute('src'),
    handedOver: '__brodyEarlyToday' in window,
  }));
  expect(early).toEqual({ marks: 1, first: '/today-read.js', handedOver: false });
  await page.close();
});

test('Today shows seeded meetings, top tasks, urgent unread mail and replies owed; items open their source', async () => {
  const page = await openPopup();
  await expect(page.getByText('No meetings today.')).toBeVisible();
  const [nine, two, yesterday, today, nextWeek] = await Promise.all([
    localTodayAt(page, 9),
    localTodayAt(page, 14),
    localDayString(page, -1),
    localDayString(page, 0),
    localDayString(page, 7),
  ]);
  const urgentThread = threadIds(1).threadId;
  await seedIndexedDb(page, {
    events: [
      {
        id: 'ev-standup',
        title: 'Design standup',
        start: nine,
        allDay: false,
        attendees: [],
        attendeeEmails: [],
        link: 'https://calendar.google.com/calendar/event?eid=ZXYtc3RhbmR1cA',
        seenAt: 1,
      },
      {
        id: 'ev-review',
        title: 'Budget review with Ann',
        start: two,
        allDay: false,
        attendees: [],
        attendeeEmails: [],
        seenAt: 1,
      },
    ],
    prep: [{ eventId: 'ev-review', status: 'in_progress', checklist: [], updatedAt: 1 }],
    tasks: [
      {
        ...base,
        id: 't1',
        title: 'Send Q3 numbers to Ann',
        priority: 'medium',
        due: yesterday,
        order: 1,
        source: { kind: 'thread', threadId: urgentThread },
        threadId: urgentThread,
      },
      {
        ...base,
        id: 't2',
        title: 'Book the offsite venue',
        priority: 'medium',
        due: today,
        order: 2,
        source: { kind: 'manual' },
      },
      {
        ...base,
        id: 't3',
        title: 'Renew the vendor contract',
        priority: 'high',
        order: 3,
        source: { kind: 'manual' },
      },
      {
        ...base,
        id: 't4',
        title: 'Tidy the shared drive',
        priority: 'low',
        due: nextWeek,
        order: 4,
        source: { kind: 'manual' },
      },
    ],
    triage: [triaged(urgentThread, 'high', 3), triaged('read-one', 'high', 2), triaged('calm', 'low', 1)],
    threads: [
      seen(urgentThread, {
        subject: 'Contract needs your signature today',
        lastFrom: 'legal@acme.example',
        names: { 'legal@acme.example': 'Acme Legal' },
      }),
      seen('read-one', { subject: 'Already read', unread: false }),
      seen('owe-1', { subject: 'Can you review the deck?', asksUser: true, lastFrom: 'bo@acme.example' }),
      seen('wait-1', { subject: 'Invoice 4411 status', awaitingThem: true, lastFromUser: true }),
    ],
  });
  await page.reload();

  const meetings = page.locator('[data-section="meetings"] li');
  await expect(meetings).toHaveCount(2);
  await expect(meetings.nth(0)).toContainText('Design standup');
  await expect(meetings.nth(0)).toContainText('Prep not started');
  await expect(meetings.nth(1)).toContainText('Budget review with Ann');
  await expect(meetings.nth(1)).toContainText('Prep in progress');

  const tasks = page.locator('[data-section="top-tasks"] li');
  await expect(tasks).toHaveText([
    /Send Q3 numbers to Ann.*Overdue/,
    /Book the offsite venue.*Due today/,
    /Renew the vendor contract.*High priority/,
  ]);
  await expect(page.getByRole('checkbox', { name: 'Send Q3 numbers to Ann' })).not.toBeChecked();

  const urgent = page.locator('[data-section="urgent"] li');
  await expect(urgent).toHaveCount(1);
  await expect(urgent).toContainText('Contract needs your signature today');
  await expect(urgent).toContainText('Acme Legal');
  await expect(page.locator('#urgent-title')).toHaveText('Urgent mail (2 rated high)');

  const replies = page.locator('[data-section="replies"] li');
  await expect(replies).toHaveText([
    /You owe.*Can you review the deck\?/,
    /Waiting on them.*Invoice 4411 status/,
  ]);

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'popup-today.png'), fullPage: true });

  // The urgent mail opens its thread in Gmail (a new tab, since none is open), by its hex id.
  const opened = session.browser.context.waitForEvent('page');
  await urgent.getByRole('button').click();
  const gmail = await opened;
  await expect.poll(() => gmail.url()).toBe(`https://mail.google.com/mail/u/0/#all/${threadIds(1).legacyId}`);

  // With a Gmail tab open, the meeting opens in a new tab and a reply reuses the Gmail tab.
  const eventTab = session.browser.context.waitForEvent('page');
  await meetings.nth(0).getByRole('button').click();
  await expect
    .poll(async () => (await eventTab).url())
    .toContain('calendar.google.com/calendar/event?eid=ZXYtc3RhbmR1cA');
  const pagesBefore = session.browser.context.pages().length;
  await replies.nth(0).getByRole('button').click();
  await expect.poll(() => gmail.url()).toBe('https://mail.google.com/mail/u/0/#all/owe-1');
  expect(session.browser.context.pages().length).toBe(pagesBefore);

  // Completing a top task from Today takes it off the list.
  await page.getByRole('checkbox', { name: 'Book the offsite venue' }).click();
  await expect(tasks).toHaveCount(2);
  await expect(page.getByRole('checkbox', { name: 'Book the offsite venue' })).toHaveCount(0);
  await page.close();
});

test('Tasks: add by hand, edit, reorder with buttons and keys, complete, delete and undo', async () => {
  const page = await openPopup();
  await page.getByRole('tab', { name: 'Tasks' }).click();
  const open = page.getByRole('list', { name: 'Open tasks' }).locator(':scope > li');
  const titles = () => open.locator('.what').allTextContents();
  await expect(open.first()).toBeVisible();
  const before = await titles();

  await page.getByLabel('New task').fill('Call the caterer');
  await page.getByRole('combobox', { name: 'Priority' }).selectOption('high');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(open.first()).toContainText('Call the caterer');
  await expect(open.first()).toContainText('high');
  expect(await titles()).toEqual(['Call the caterer', ...before]);

  await page.getByRole('button', { name: 'Edit Call the caterer' }).click();
  const editor = page.getByRole('form', { name: 'Edit Call the caterer' });
  await editor.getByLabel('Title').fill('Call the caterer about Friday');
  await editor.getByLabel('Notes').fill('Ask for vegetarian options');
  await editor.getByLabel('Status').selectOption('in_progress');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(open.first()).toContainText('Call the caterer about Friday');
  await expect(open.first()).toContainText('in progress');

  await page.getByRole('button', { name: 'Move Call the caterer about Friday down' }).click();
  await expect.poll(titles).toEqual([before[0], 'Call the caterer about Friday', ...before.slice(1)]);
  await page.getByRole('button', { name: 'Move Call the caterer about Friday up' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(titles).toEqual(['Call the caterer about Friday', ...before]);

  await page.getByRole('checkbox', { name: 'Call the caterer about Friday' }).click();
  await expect.poll(titles).toEqual(before);
  await expect(page.getByRole('list', { name: 'Completed tasks' })).toContainText(
    'Call the caterer about Friday',
  );

  const victim = before[0] as string;
  await page.getByRole('button', { name: `Delete ${victim}` }).click();
  await expect.poll(titles).toEqual(before.slice(1));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(titles).toEqual(before);
  await page.close();
});
