/**
 * AI triage throughput: one API process (in-process Hono app on a real database) against the local
 * OpenAI-compatible server answering every call after 500 ms, with the product's batch size and
 * concurrency. Then the same mails again, to show the cache. `npx tsx tests/bench/ai.ts`
 */
import { pathToFileURL } from 'node:url';
import { type TriageRequestInput, TriageResponse } from '../../shared/schemas';
import { AiProvider } from '../../worker/src/ai/provider';
import { aiSettingsFromEnv } from '../../worker/src/ai/settings';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import { parseEnv } from '../../worker/src/env';
import { startFakeOpenAI } from '../support/fake-openai';
import { createTestDatabase } from '../support/postgres';
import { signedIn } from '../worker/sign-in';

const MODEL_DELAY_MS = 500;
const REQUEST_SIZE = 100;
/** Requests the bench keeps in flight, as several open Gmail tabs and devices would. */
const CLIENT_CONCURRENCY = 4;

export interface AiBenchResult {
  emails: number;
  database: string;
  batchSize: number;
  concurrency: number;
  emailsPerMinute: number;
  modelCalls: number;
  /** Mails sent to the model more than once (same content in two calls). */
  duplicateMails: number;
  /** Results of the first pass that came from the model rather than the rules fallback. */
  aiAnswered: number;
  secondPass: { cachedShare: number; modelCalls: number; emailsPerMinute: number };
}

const PEOPLE = ['Dana Chief', 'Lee Park', 'Ravi Shah', 'Mia Chen', 'Tom Berg', 'Ana Ruiz', 'Joe Kim'];
const PROJECTS = ['Atlas', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor'];
const TEMPLATES: ((n: number, who: string, project: string) => { subject: string; snippet: string })[] = [
  (n, who, p) => ({
    subject: `${p} contract #${n} needs your signature today`,
    snippet: `Hi, ${who} here. Legal is waiting on the ${p} contract; can you sign it before 5pm?`,
  }),
  (n, _who, p) => ({
    subject: `${p} weekly digest, issue ${n}`,
    snippet: `Top stories from the ${p} community this week. Unsubscribe at any time.`,
  }),
  (n, who, p) => ({
    subject: `Meeting invite: ${p} review ${n}`,
    snippet: `${who} invited you to the ${p} review. Agenda attached; calendar hold for Thursday.`,
  }),
  (n, _who, p) => ({
    subject: `Your ${p} order ${n} receipt`,
    snippet: `Payment received for order ${n}. Your invoice is attached for your records.`,
  }),
  (n, who, p) => ({
    subject: `Question about ${p} budget line ${n}`,
    snippet: `${who} asks: does line ${n} of the ${p} budget include travel? No rush.`,
  }),
  (n, _who, p) => ({
    subject: `${n}% off ${p} gear this weekend only`,
    snippet: `Our biggest sale of the season: discount codes inside for ${p} fans.`,
  }),
  (n, who, p) => ({
    subject: `Outage on ${p} cluster ${n}`,
    snippet: `${who}: the ${p} cluster is down since 09:10, customers affected, please join the bridge immediately.`,
  }),
];

export function syntheticMails(count: number): TriageRequestInput['messages'] {
  return Array.from({ length: count }, (_, i) => {
    const who = PEOPLE[i % PEOPLE.length] ?? 'Someone';
    const project = PROJECTS[Math.floor(i / TEMPLATES.length) % PROJECTS.length] ?? 'Atlas';
    const template = TEMPLATES[i % TEMPLATES.length] ?? TEMPLATES[0];
    const text = template?.(i, who, project) ?? { subject: `Mail ${i}`, snippet: '' };
    return {
      id: `bench-${i}`,
      from: { name: who, email: `${who.split(' ')[0]?.toLowerCase()}@corp${i % 13}.example` },
      to: [{ name: 'Me', email: 'me@acme.example' }],
      subject: text.subject,
      snippet: text.snippet,
      date: '2026-03-10T09:00:00Z',
      unread: i % 2 === 0,
    };
  });
}

async function runPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function contentOfBlocks(prompt: string): string[] {
  const nonce = /^Nonce: (\w+)$/m.exec(prompt)?.[1];
  if (!nonce) return [];
  const pattern = new RegExp(`<<<MAIL id=\\S+ nonce=${nonce}>>>\\n([\\s\\S]*?)\\n<<<END MAIL`, 'g');
  return [...prompt.matchAll(pattern)].map((match) => match[1] ?? '');
}

export async function runAiBench(emails = 10_000): Promise<AiBenchResult> {
  const env = parseEnv({});
  const settings = aiSettingsFromEnv(env);
  const fake = await startFakeOpenAI({ delayMs: MODEL_DELAY_MS });
  const testDb = await createTestDatabase('bench_ai');
  const handle =
    testDb.kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: testDb.url })
      : await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const provider = new AiProvider({
      apiKey: 'bench',
      baseURL: fake.url,
      model: env.AI_MODEL,
      timeoutMs: env.AI_TIMEOUT_MS,
      maxRetries: 2,
      concurrency: env.AI_CONCURRENCY,
    });
    const app = signedIn(
      createApp({
        db: handle.db,
        database: handle.kind,
        allowedOrigins: [],
        version: 'bench',
        ai: provider,
        // One bench "user" stands in for many real ones: the per-user daily budget is lifted.
        aiSettings: { ...settings, dailyTokenBudget: Number.MAX_SAFE_INTEGER },
        reportError: (error) => console.error('[bench]', error),
      }),
      handle.db,
    );

    const mails = syntheticMails(emails);
    const requests: TriageRequestInput[] = [];
    for (let start = 0; start < mails.length; start += REQUEST_SIZE) {
      requests.push({
        messages: mails.slice(start, start + REQUEST_SIZE),
        context: { now: '2026-03-10T09:30:00Z', userEmails: ['me@acme.example'] },
        ai: true,
      });
    }

    let aiAnswered = 0;
    let cachedHits = 0;
    const pass = async (count: (body: TriageResponse, header: string | null) => void) => {
      const started = performance.now();
      await runPool(requests, CLIENT_CONCURRENCY, async (request) => {
        const response = await app.request('/v1/triage', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
        if (response.status !== 200) throw new Error(`triage answered ${response.status}`);
        count(TriageResponse.parse(await response.json()), response.headers.get('x-brody-ai-cache'));
      });
      return performance.now() - started;
    };

    const firstMs = await pass((body) => {
      aiAnswered += body.results.filter((result) => result.source === 'ai').length;
    });
    const modelCalls = fake.calls.length;
    const blocks = fake.calls.flatMap((_, index) => contentOfBlocks(fake.userPrompt(index)));
    const duplicateMails = blocks.length - new Set(blocks).size;

    const secondMs = await pass((_body, header) => {
      cachedHits += Number(/hits=(\d+)/.exec(header ?? '')?.[1] ?? 0);
    });
    return {
      emails,
      database: handle.kind,
      batchSize: settings.batchSize,
      concurrency: settings.concurrency,
      emailsPerMinute: Math.round((emails / firstMs) * 60_000),
      modelCalls,
      duplicateMails,
      aiAnswered,
      secondPass: {
        cachedShare: cachedHits / emails,
        modelCalls: fake.calls.length - modelCalls,
        emailsPerMinute: Math.round((emails / secondMs) * 60_000),
      },
    };
  } finally {
    await handle.close();
    await testDb.drop();
    await fake.close();
  }
}

export function formatAiBench(result: AiBenchResult): string[] {
  const perMinute = result.emailsPerMinute.toLocaleString('en-US');
  return [
    `ai: ${perMinute} emails/min through one API process against a ${MODEL_DELAY_MS} ms model (batch ${result.batchSize}, concurrency ${result.concurrency}), ${result.modelCalls} model calls, ${result.duplicateMails} duplicate calls for the same content`,
    `ai: ${result.aiAnswered} of ${result.emails} answered by the model on ${result.database} (the rest fell back on rules)`,
    `ai cache: ${(result.secondPass.cachedShare * 100).toFixed(1)}% answered from cache on a second pass (model calls: ${result.secondPass.modelCalls}), ${result.secondPass.emailsPerMinute.toLocaleString('en-US')} emails/min`,
  ];
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  for (const line of formatAiBench(await runAiBench())) console.log(line);
}
