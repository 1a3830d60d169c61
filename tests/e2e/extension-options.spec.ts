/**
 * The options page against the real API: AI details from GET /v1/ai (with an OpenAI-compatible
 * test server behind the API, and without any), the AI switch, "My priorities", and the learned
 * rules' empty state. With AI on, badges name the model that answered.
 */
import { expect, test } from '@playwright/test';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';
import { SAMPLE_MAILS } from './gmail-mails';
import {
  type ExtensionBrowser,
  makeInboxHtml,
  type RunningApi,
  readRowBadges,
  startApi,
  startExtensionSession,
  waitForBadges,
} from './harness';

const MODEL = 'fake-mini-1';
const AI_ENV = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'AI_MODEL'] as const;

/** startNodeServer reads its AI settings from the environment once, when it starts. */
async function startApiWithAi(fake: FakeOpenAI): Promise<RunningApi> {
  const saved = AI_ENV.map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, AI_MODEL: MODEL });
  try {
    return await startApi();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

test.describe('with AI configured on the API', () => {
  let fake: FakeOpenAI;
  let api: RunningApi;
  let browser: ExtensionBrowser;

  test.beforeAll(async () => {
    fake = await startFakeOpenAI({ mode: 'ok', apiKey: 'sk-test' });
    ({ api, browser } = await startExtensionSession(makeInboxHtml(SAMPLE_MAILS.length), {
      api: await startApiWithAi(fake),
    }));
  });
  test.afterAll(async () => {
    await browser?.close();
    await api?.close();
    await fake?.close();
  });

  test('the AI section shows the model, endpoint and budget; the switch persists; badges name the model', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const info = options.getByTestId('ai-info');
    await expect(info).toHaveAttribute('data-configured', 'true');
    await expect(info.locator('[data-field="model"]')).toHaveText(MODEL);
    await expect(info.locator('[data-field="endpoint"]')).toHaveText(new URL(fake.url).host);
    await expect(info.locator('[data-field="prompt"]')).not.toBeEmpty();
    await expect(options.getByTestId('ai-budget')).toHaveText('0 of 200,000 tokens used today');

    const aiSwitch = options.getByRole('switch', { name: 'Use AI for triage and summaries' });
    await expect(aiSwitch).not.toBeChecked();
    await expect(options.getByTestId('ai-explain')).toContainText('Nothing is sent to a model');
    await aiSwitch.click();
    await expect(aiSwitch).toBeChecked();
    await expect(options.getByTestId('ai-explain')).toContainText('redacted');
    await options.reload();
    await expect(options.getByRole('switch', { name: 'Use AI for triage and summaries' })).toBeChecked();

    const gmail = await browser.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    await waitForBadges(gmail, SAMPLE_MAILS.length, 'server');
    await expect
      .poll(
        async () =>
          (await readRowBadges(gmail)).filter((row) => row.title?.includes(`Engine: AI · ${MODEL}`)).length,
      )
      .toBeGreaterThan(0);
    expect(fake.calls.length).toBeGreaterThan(0);
    expect(await gmail.locator('.brody-badge[data-brody-engine="ai"]').count()).toBeGreaterThan(0);

    await options.reload();
    await expect(options.getByTestId('ai-budget')).not.toHaveText('0 of 200,000 tokens used today');
    await expect(options.getByRole('meter', { name: 'Today’s AI budget' })).toHaveAttribute(
      'value',
      /^[1-9]/,
    );
  });
});

test.describe('without AI on the API', () => {
  let api: RunningApi;
  let browser: ExtensionBrowser;

  test.beforeAll(async () => {
    ({ api, browser } = await startExtensionSession(makeInboxHtml(SAMPLE_MAILS.length)));
  });
  test.afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  test('says AI is not configured; with the switch on, badges say why rules answered', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect(options.getByTestId('ai-info')).toHaveAttribute('data-configured', 'false');
    await expect(options.getByTestId('ai-info')).toContainText('not configured');
    await options.getByRole('switch', { name: 'Use AI for triage and summaries' }).click();
    await expect(options.getByRole('switch', { name: 'Use AI for triage and summaries' })).toBeChecked();

    const gmail = await browser.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    await waitForBadges(gmail, SAMPLE_MAILS.length, 'server');
    for (const row of await readRowBadges(gmail)) {
      expect(row.title).toContain('Engine: AI not configured on the API — rules');
    }
  });

  test('a wrong API address, fixed and saved, clears "cannot ask the API" without a reload', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const address = options.getByLabel('API URL');
    await expect(address).toHaveValue(api.url);
    // A port nothing listens on: the AI section cannot reach the API.
    await address.fill('http://127.0.0.1:9');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.reload();
    await expect(options.getByTestId('ai-info')).toContainText('Cannot ask the API', { timeout: 30_000 });

    await address.fill(api.url);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByTestId('ai-info')).toHaveAttribute('data-configured', 'false', {
      timeout: 30_000,
    });
    await expect(options.getByTestId('ai-info')).not.toContainText('Cannot ask the API');
    await options.close();
  });

  test('my priorities and VIPs are checked, saved and kept; learned rules start empty', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect(options.getByTestId('rules-empty')).toBeVisible();
    await options.getByLabel('Goals and projects').fill('Close the Acme renewal');
    const vips = options.getByLabel('VIPs (one address or @domain per line)');
    await vips.fill('ana@acme.com\nnot an address\n@bigclient.com');
    await expect(vips).toHaveAttribute('aria-invalid', 'true');
    await options.getByRole('button', { name: 'Save priorities' }).click();
    await expect(options.getByTestId('priorities-message')).toContainText(
      'Not an address or @domain: not an address',
    );
    await vips.fill('Ana@acme.com\n\n@bigclient.com\nana@acme.com');
    await options.getByRole('button', { name: 'Save priorities' }).click();
    await expect(options.getByTestId('priorities-message')).toHaveText('Saved (2 VIPs).');
    await options.reload();
    await expect(options.getByLabel('Goals and projects')).toHaveValue('Close the Acme renewal');
    await expect(options.getByLabel('VIPs (one address or @domain per line)')).toHaveValue(
      'ana@acme.com\n@bigclient.com',
    );

    // Both the local engine and the API (through the background) use them.
    await options.getByLabel('Goals and projects').fill('biryani');
    await vips.fill('mom.raman@gmail.com');
    await options.getByRole('button', { name: 'Save priorities' }).click();
    await expect(options.getByTestId('priorities-message')).toHaveText('Saved (1 VIP).');
    const gmail = await browser.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
    await waitForBadges(gmail, SAMPLE_MAILS.length, 'server');
    const mom = (await readRowBadges(gmail))[SAMPLE_MAILS.findIndex((mail) => mail.tag === 'personal')];
    expect(mom?.title).toContain('VIP sender');
    expect(mom?.title).toContain('matches your priority "biryani"');
  });

  test('learned rules show where they came from and whether they are fading', async () => {
    const day = 86_400_000;
    const stamp = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const rules = [
      { id: 'r-active', sender: 'a@x.example', confirmedAt: stamp(2), example: 'Kickoff agenda' },
      { id: 'r-fading', sender: 'b@x.example', confirmedAt: stamp(40), example: 'Old thread' },
      { id: 'r-expired', sender: 'c@x.example', confirmedAt: stamp(70), example: 'Ancient thread' },
    ].map((rule) => ({ ...rule, scope: 'sender', topic: [], urgency: 'high', createdAt: stamp(90) }));
    // Written the way the background stores them: straight into its Dexie table.
    await browser.serviceWorker.evaluate(async (rows) => {
      const open = indexedDB.open('brody');
      const db = await new Promise<IDBDatabase>((resolve) => {
        open.onsuccess = () => resolve(open.result);
      });
      const tx = db.transaction('rules', 'readwrite');
      for (const row of rows) tx.objectStore('rules').put(row);
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
    }, rules);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const list = options.getByTestId('rules');
    await expect(list.locator('li')).toHaveCount(3);
    await expect(list.locator('li[data-rule-id="r-active"]')).toHaveAttribute('data-state', 'active');
    await expect(list.locator('li[data-rule-id="r-fading"]')).toContainText('fading (weaker)');
    await expect(list.locator('li[data-rule-id="r-expired"]')).toContainText('expired (ignored)');
    await expect(list.locator('li[data-rule-id="r-active"]')).toContainText('Learned from “Kickoff agenda”');
    await expect(
      options.getByText('rules you stop confirming fade after 30 days', { exact: false }),
    ).toBeVisible();
    await options.getByRole('button', { name: 'Undo rule for b@x.example' }).click();
    await expect(list.locator('li')).toHaveCount(2);
  });
});
