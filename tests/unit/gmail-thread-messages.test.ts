import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../extension/background/api-client';
import { BrodyDatabase } from '../../extension/background/db';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import { addTask, summarizeThread, type ThreadHandlerDeps } from '../../extension/background/thread-handlers';
import { RuntimeRequest, ThreadSummaryAnswer } from '../../extension/platform/messages';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { ThreadSummaryRequest } from '../../shared/schemas';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { accessTokenFor } from '../support/api-sign-in';
import { freePort } from '../support/free-port';

const request = ThreadSummaryRequest.parse({
  threadId: '18d2f3a4b5c6d7e8',
  subject: 'Q3 budget review',
  messages: [
    {
      id: 'm1',
      from: { name: 'Ann Lee', email: 'ann@acme.example' },
      to: [{ name: 'Sam Park', email: 'sam@acme.example' }],
      date: '2026-11-20T08:00:00.000Z',
      text: 'Can you send me the budget numbers by Thursday? Finance closes the quarter.',
    },
  ],
});
const task = {
  title: 'Can you send me the budget numbers by Thursday?',
  owner: 'you',
  due: '2026-11-26',
  threadId: 't1',
};
const GMAIL_TAB = {
  id: EXTENSION_ID,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn',
};

describe('thread card messages', () => {
  it('accepts the three new requests', () => {
    expect(RuntimeRequest.parse({ type: 'summarize-thread', request }).type).toBe('summarize-thread');
    expect(RuntimeRequest.parse({ type: 'add-task', task }).type).toBe('add-task');
    expect(RuntimeRequest.parse({ type: 'thread-tasks', threadId: 't1' }).type).toBe('thread-tasks');
  });

  it.each([
    ['extra keys on the request (a smuggled token ask)', { type: 'summarize-thread', request, token: 'x' }],
    ['an empty thread', { type: 'summarize-thread', request: { ...request, messages: [] } }],
    [
      'more messages than the contract allows',
      { type: 'summarize-thread', request: { ...request, messages: Array(1_001).fill(request.messages[0]) } },
    ],
    [
      'a body over the limit',
      {
        type: 'summarize-thread',
        request: { ...request, messages: [{ ...request.messages[0], text: 'x'.repeat(100_001) }] },
      },
    ],
    ['a task with an id of its own', { type: 'add-task', task: { ...task, id: 'mine' } }],
    ['a task with done set by the page', { type: 'add-task', task: { ...task, done: true } }],
    ['a blank task title', { type: 'add-task', task: { ...task, title: '   ' } }],
    ['a due that is not a date', { type: 'add-task', task: { ...task, due: 'by Thursday' } }],
    ['a task without its thread', { type: 'add-task', task: { title: 'x' } }],
    ['a huge title', { type: 'add-task', task: { ...task, title: 'x'.repeat(301) } }],
  ])('rejects %s', (_label, message) => {
    expect(RuntimeRequest.safeParse(message).success).toBe(false);
  });
});

describe('thread handlers against the real API', () => {
  let server: NodeServer;
  let dataDir: string;
  let db: BrodyDatabase;
  let apiUrl: string;
  let token = '';
  let aiEnabled = false;
  const deps = (): ThreadHandlerDeps => ({
    db,
    api: createApiClient({ baseUrl: async () => apiUrl, retries: 0, token: async () => token }),
    aiEnabled: async () => aiEnabled,
    userEmails: async () => ['sam@acme.example'],
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'brody-thread-'));
    server = await startNodeServer({ port: 0, host: '127.0.0.1', dataDir, quiet: true });
    token = await accessTokenFor(server);
    apiUrl = server.url;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    db = new BrodyDatabase(`brody-thread-${Math.random()}`);
    aiEnabled = false;
    apiUrl = server.url;
  });

  it('answers with the API rules summary, action items dated, AI off', async () => {
    const answer = ThreadSummaryAnswer.parse(await summarizeThread(deps(), request));
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.summary.source).toBe('rules');
    expect(answer.summary.aiStatus).toBe('off');
    expect(answer.summary.actionItems).toEqual([
      { text: 'Can you send me the budget numbers by Thursday?', owner: 'you', due: '2026-11-26' },
    ]);
  });

  it('asks for AI only when the user setting says so, whatever the page sent', async () => {
    const answer = await summarizeThread(deps(), { ...request, ai: true });
    // This API has no model configured: the page's `ai: true` was dropped before it was sent.
    expect(answer.ok && answer.summary.aiStatus).toBe('off');
    aiEnabled = true;
    const withAi = await summarizeThread(deps(), request);
    expect(withAi.ok && withAi.summary.aiStatus).toBe('unconfigured');
  });

  it('answers with the error when the API is down', async () => {
    apiUrl = `http://127.0.0.1:${await freePort()}`;
    const answer = await summarizeThread(deps(), request);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('stores a task once per thread and title', async () => {
    let ids = 0;
    const counted = { ...deps(), newId: () => `task-${++ids}`, now: () => 1_000 };
    const first = await addTask(counted, task);
    const again = await addTask(counted, task);
    const [a, b] = await Promise.all([
      addTask(counted, { ...task, title: 'Other' }),
      addTask(counted, { ...task, title: 'Other' }),
    ]);
    expect(first).toEqual({ ok: true, id: 'task-1', created: true });
    expect(again).toEqual({ ok: true, id: 'task-1', created: false });
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await db.tasks.count()).toBe(2);
    expect(await db.tasks.get('task-1')).toEqual({
      id: 'task-1',
      title: task.title,
      notes: '',
      priority: 'medium',
      status: 'pending',
      due: '2026-11-26',
      source: { kind: 'thread', threadId: 't1' },
      proposedBy: 'mail',
      owner: 'you',
      people: [],
      order: 1_000,
      threadId: 't1',
      createdAt: 1_000,
      updatedAt: 1_000,
    });
  });

  it('routes the requests from a Gmail tab and refuses a forged sender or shape', async () => {
    const route = createRuntimeRouter({
      runtimeId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      db,
      api: deps().api,
      apiUrl: async () => apiUrl,
      threads: deps(),
    });
    expect(await route({ type: 'add-task', task }, GMAIL_TAB)).toMatchObject({ ok: true, created: true });
    expect(await route({ type: 'thread-tasks', threadId: 't1' }, GMAIL_TAB)).toEqual({
      ok: true,
      titles: [task.title],
    });
    expect(await route({ type: 'add-task', task }, { id: 'other-extension', url: GMAIL_TAB.url })).toEqual({
      rejected: true,
      reason: 'sender',
    });
    expect(
      await route({ type: 'add-task', task }, { id: EXTENSION_ID, url: 'https://attacker.example/' }),
    ).toEqual({
      rejected: true,
      reason: 'sender',
    });
    expect(await route({ type: 'add-task', task: { ...task, extra: 1 } }, GMAIL_TAB)).toEqual({
      rejected: true,
      reason: 'shape',
    });
    expect(await db.tasks.count()).toBe(1);
  });
});
