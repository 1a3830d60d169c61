/**
 * An API app on a fresh real database with an AI provider pointed at the local fake model, for the
 * AI route tests. One database and one fake server per test file; apps are cheap and made per test.
 */
import { sql } from 'drizzle-orm';
import { AiProvider, type AiProviderOptions } from '../../worker/src/ai/provider';
import type { AiSettings } from '../../worker/src/ai/settings';
import { createApp } from '../../worker/src/app';
import { openDatabase } from '../../worker/src/db/client';
import type { DatabaseHandle } from '../../worker/src/db/database';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { signedIn } from './sign-in';

export const TEST_MODEL = 'gpt-test';
export const TEST_KEY = 'sk-test-secret-key-0123456789';

export interface AiHarness {
  fake: FakeOpenAI;
  handle: DatabaseHandle;
  reported: unknown[];
  provider(overrides?: Partial<AiProviderOptions>): AiProvider;
  app(options?: {
    provider?: AiProvider | null;
    settings?: Partial<AiSettings>;
  }): ReturnType<typeof createApp>;
  /** Forgets today's spending, so a budget test starts from zero. */
  resetUsage(): Promise<void>;
  close(): Promise<void>;
}

export async function startAiHarness(label: string): Promise<AiHarness> {
  const testDb: TestDatabase = await createTestDatabase(label);
  const handle =
    testDb.kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: testDb.url })
      : await openDatabase({ kind: 'pglite', dataDir: null });
  const fake = await startFakeOpenAI({ apiKey: TEST_KEY });
  const reported: unknown[] = [];
  const provider = (overrides: Partial<AiProviderOptions> = {}) =>
    new AiProvider({
      apiKey: TEST_KEY,
      baseURL: fake.url,
      model: TEST_MODEL,
      timeoutMs: 3_000,
      maxRetries: 1,
      concurrency: 4,
      backoff: { baseMs: 10, maxMs: 50 },
      ...overrides,
    });
  return {
    fake,
    handle,
    reported,
    provider,
    app(options = {}) {
      return signedIn(
        createApp({
          db: handle.db,
          database: handle.kind,
          allowedOrigins: [],
          version: 'test',
          ai: options.provider === undefined ? provider() : options.provider,
          aiSettings: { batchSize: 20, concurrency: 4, ...options.settings },
          reportError: (error) => reported.push(error),
        }),
        handle.db,
      );
    },
    async resetUsage() {
      await handle.db.execute(sql`delete from ai_usage`);
    },
    async close() {
      await fake.close();
      await handle.close();
      await testDb.drop();
    },
  };
}

export function post(app: ReturnType<typeof createApp>, path: string, body: unknown) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
