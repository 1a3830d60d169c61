import { expect, test } from '@playwright/test';
import { EXTENSION_ID } from '../../shared/extension-identity';
import { SAMPLE_MAILS } from './gmail-mails';
import {
  type ExtensionBrowser,
  launchWithExtension,
  makeInboxHtml,
  openGmail,
  readRowBadges,
  routeGmail,
} from './harness';

const THREADS = SAMPLE_MAILS.length;
let browser: ExtensionBrowser;

test.beforeAll(async () => {
  browser = await launchWithExtension();
  await routeGmail(browser.context, makeInboxHtml(THREADS));
});
test.afterAll(async () => browser?.close());

test('the extension keeps its fixed id', () => {
  expect(browser.extensionId).toBe(EXTENSION_ID);
});

test('a page cannot reach the background, and forged window messages change nothing', async () => {
  const page = await openGmail(browser.context, { expectedBadges: THREADS });
  const before = await readRowBadges(page);
  const attempt = await page.evaluate(async (id) => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
      ?.runtime;
    if (typeof runtime?.sendMessage !== 'function') return 'no runtime API in the page';
    try {
      await (runtime.sendMessage as (id: string, message: unknown) => Promise<unknown>)(id, {
        type: 'counts',
      });
      return 'delivered';
    } catch (error) {
      return `refused: ${String(error)}`;
    }
  }, EXTENSION_ID);
  expect(attempt).not.toBe('delivered');

  const target = before.find((row) => row.urgency === 'low');
  expect(target).toBeDefined();
  await page.evaluate((key) => {
    const forged = {
      type: 'triage-results',
      batch: 0,
      origin: 'server',
      results: [
        {
          id: key,
          urgency: 'high',
          category: 'action',
          reasons: [],
          score: 99,
          source: 'ai',
          engine: 'forged',
          at: '2026-01-01T00:00:00Z',
        },
      ],
    };
    window.postMessage(forged, '*');
    document.dispatchEvent(new CustomEvent('brody', { detail: forged }));
  }, target?.rowKey);
  await page.waitForTimeout(500);
  const after = await readRowBadges(page);
  expect(after.find((row) => row.rowKey === target?.rowKey)?.urgency).toBe('low');
  await page.close();
});

test('the background refuses malformed messages and forged port traffic', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const answers = await page.evaluate(async () => {
    const chromeApi = (
      globalThis as unknown as {
        chrome: {
          runtime: {
            sendMessage(message: unknown): Promise<unknown>;
            connect(info: { name: string }): {
              postMessage(message: unknown): void;
              onDisconnect: { addListener(listener: () => void): void };
              onMessage: { addListener(listener: (message: unknown) => void): void };
            };
          };
        };
      }
    ).chrome;
    const tokenRequest = await chromeApi.runtime.sendMessage({ type: 'get-token' });
    const badUrl = await chromeApi.runtime.sendMessage({
      type: 'test-connection',
      apiUrl: 'file:///etc/passwd',
    });
    const counts = await chromeApi.runtime.sendMessage({ type: 'counts' });
    const port = chromeApi.runtime.connect({ name: 'brody:triage' });
    const replies: unknown[] = [];
    port.onMessage.addListener((message) => replies.push(message));
    const disconnected = new Promise<string>((resolve) => {
      port.onDisconnect.addListener(() => resolve('disconnected'));
      setTimeout(() => resolve('still open'), 3_000);
    });
    port.postMessage({ type: 'triage', batch: 0, messages: [{ subject: 'no id' }], token: 'please' });
    return { tokenRequest, badUrl, counts, port: await disconnected, replies };
  });
  expect(answers.tokenRequest).toEqual({ rejected: true, reason: 'shape' });
  expect(answers.badUrl).toEqual({ rejected: true, reason: 'shape' });
  expect(answers.counts).toMatchObject({ total: expect.any(Number) });
  expect(answers.port).toBe('disconnected');
  expect(answers.replies).toEqual([]);
  await page.close();
});
