import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../extension/background/api-client';
import { BrodyDatabase } from '../../extension/background/db';
import { isLoopbackUrl, maySendMail } from '../../extension/background/privacy';
import { createRulesService, MAX_RULES, type RulesService } from '../../extension/background/rules-handlers';
import { createRuntimeRouter } from '../../extension/background/runtime-router';
import { cacheHash, serveTriagePort, type TriagePort } from '../../extension/background/triage-port';
import { displayText } from '../../extension/components/display-text';
import { badgeTooltip, engineLine } from '../../extension/components/urgency-badge';
import { isLearnedRuleList } from '../../extension/platform/learned-rules-check';
import { type PortReply, RuntimeRequest } from '../../extension/platform/messages';
import { ruleFingerprint } from '../../extension/platform/rule-fingerprint';
import { isValidSetting } from '../../extension/platform/settings';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { type LearnedRule, MessageSummary, type TriageResult } from '../../shared/schemas';
import { type NodeServer, startNodeServer } from '../../worker/src/node';
import { accessTokenFor } from '../support/api-sign-in';

const NOW = new Date('2026-11-22T09:00:00.000Z');

function rule(overrides: Partial<LearnedRule> = {}): LearnedRule {
  return {
    id: 'rule-1',
    scope: 'sender',
    sender: 'ana@studio.example',
    topic: [],
    urgency: 'high',
    createdAt: '2020-01-01T00:00:00.000Z',
    confirmedAt: '2020-01-01T00:00:00.000Z',
    example: 'Photos from the picnic',
    ...overrides,
  };
}

const message: MessageSummary = MessageSummary.parse({
  id: '1789000000000000501',
  from: { name: 'Ana Souza', email: 'ana@studio.example' },
  subject: 'Photos from the Saturday picnic',
  snippet: 'Uploaded the album, have a look when you get a chance.',
});

const gmailTab = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox' };
const optionsPage = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html` };

let dbNumber = 0;
let db: BrodyDatabase;
let published: LearnedRule[][];
let rules: RulesService;

beforeEach(() => {
  db = new BrodyDatabase(`brody-rules-test-${dbNumber++}`);
  published = [];
  rules = createRulesService({
    db,
    publish: async (list) => {
      published.push(list);
    },
    now: () => NOW,
  });
});
afterEach(async () => {
  await db.delete();
});

describe('rule messages', () => {
  it('accepts a well-formed add-rule and fills defaults', () => {
    const parsed = RuntimeRequest.safeParse({ type: 'add-rule', rule: rule() });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['an extra key in the rule', { type: 'add-rule', rule: { ...rule(), userId: 'someone-else' } }],
    ['an extra key in the message', { type: 'add-rule', rule: rule(), token: 'give' }],
    ['an unknown urgency', { type: 'add-rule', rule: { ...rule(), urgency: 'critical' } }],
    ['an unknown scope (a whole domain)', { type: 'add-rule', rule: { ...rule(), scope: 'domain' } }],
    ['a too short sender', { type: 'add-rule', rule: { ...rule(), sender: 'a' } }],
    ['too many topic words', { type: 'add-rule', rule: { ...rule(), topic: Array(9).fill('word') } }],
    ['an oversized example', { type: 'add-rule', rule: { ...rule(), example: 'x'.repeat(1_001) } }],
    ['a missing rule', { type: 'add-rule' }],
    ['an empty delete id', { type: 'delete-rule', id: '' }],
    ['a confirm without sender', { type: 'confirm-rule' }],
    ['a string', 'add-rule'],
  ])('rejects %s', (_, raw) => {
    expect(RuntimeRequest.safeParse(raw).success).toBe(false);
  });
});

describe('rules in Dexie', () => {
  it('adds with fresh dates and a lower-cased sender, and publishes the list', async () => {
    const list = await rules.add(rule({ sender: ' Ana@Studio.Example ', topic: ['ignored'] }));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      sender: 'ana@studio.example',
      topic: [],
      createdAt: NOW.toISOString(),
      confirmedAt: NOW.toISOString(),
    });
    expect(published).toEqual([list]);
    expect(await db.rules.count()).toBe(1);
  });

  it('replaces a correction of the same target and keeps other targets', async () => {
    await rules.add(rule({ id: 'a', urgency: 'high' }));
    await rules.add(rule({ id: 'b', scope: 'sender-topic', topic: ['Invoice'], urgency: 'low' }));
    const list = await rules.add(rule({ id: 'c', urgency: 'medium' }));
    expect(list.map((entry) => entry.id).sort()).toEqual(['b', 'c']);
    expect(list.find((entry) => entry.id === 'b')?.topic).toEqual(['invoice']);
  });

  it('confirms a sender’s rules, deletes by id, and lists by sender', async () => {
    await rules.add(rule({ id: 'a' }));
    await rules.add(rule({ id: 'z', sender: 'bob@marsh.example' }));
    await db.rules.update('a', { confirmedAt: '2026-09-01T00:00:00.000Z' });
    const confirmed = await rules.confirm('ANA@studio.example');
    expect(confirmed.find((entry) => entry.id === 'a')?.confirmedAt).toBe(NOW.toISOString());
    expect((await rules.forSenders(new Set(['bob@marsh.example']))).map((entry) => entry.id)).toEqual(['z']);
    expect((await rules.remove('a')).map((entry) => entry.id)).toEqual(['z']);
    expect(await db.rules.get('a')).toBeUndefined();
  });

  it(`keeps at most ${MAX_RULES} rules, dropping the longest unconfirmed`, async () => {
    await db.rules.bulkPut(
      Array.from({ length: MAX_RULES }, (_, index) =>
        rule({
          id: `old-${index}`,
          sender: `s${index}@x.example`,
          confirmedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
        }),
      ),
    );
    await rules.add(rule({ id: 'new' }));
    expect(await db.rules.count()).toBe(MAX_RULES);
    expect(await db.rules.get('old-0')).toBeUndefined();
    expect(await db.rules.get('new')).toBeDefined();
  });
});

describe('router: who may send which rule request', () => {
  const route = () =>
    createRuntimeRouter({
      runtimeId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      db,
      api: createApiClient({ baseUrl: async () => 'http://127.0.0.1:9', retries: 0 }),
      apiUrl: async () => 'http://127.0.0.1:9',
      rules,
    });

  it('lets a Gmail tab add and confirm, and an options page list and delete', async () => {
    const answer = await route()({ type: 'add-rule', rule: rule() }, gmailTab);
    expect(answer).toMatchObject({ ok: true, rules: [{ id: 'rule-1' }] });
    expect(await route()({ type: 'confirm-rule', sender: 'ana@studio.example' }, gmailTab)).toMatchObject({
      ok: true,
    });
    expect(await route()({ type: 'list-rules' }, optionsPage)).toMatchObject({
      ok: true,
      rules: [{ id: 'rule-1' }],
    });
    expect(await route()({ type: 'delete-rule', id: 'rule-1' }, optionsPage)).toEqual({
      ok: true,
      rules: [],
    });
  });

  it('refuses listing, deleting and AI details from a Gmail tab', async () => {
    await rules.add(rule());
    for (const request of [
      { type: 'list-rules' },
      { type: 'delete-rule', id: 'rule-1' },
      { type: 'ai-info' },
    ])
      expect(await route()(request, gmailTab)).toEqual({ rejected: true, reason: 'sender' });
    expect(await db.rules.count()).toBe(1);
  });

  it('refuses forged senders and malformed rules before touching Dexie', async () => {
    const forged = [
      { id: 'another-extension', url: 'https://mail.google.com/' },
      { id: EXTENSION_ID, url: 'https://evil.example/' },
      { id: EXTENSION_ID, url: 'http://mail.google.com/' },
    ];
    for (const sender of forged)
      expect(await route()({ type: 'add-rule', rule: rule() }, sender)).toEqual({
        rejected: true,
        reason: 'sender',
      });
    expect(await route()({ type: 'add-rule', rule: { ...rule(), urgency: 'urgent' } }, gmailTab)).toEqual({
      rejected: true,
      reason: 'shape',
    });
    expect(await db.rules.count()).toBe(0);
    expect(published).toEqual([]);
  });

  it('answers ai-info with an error state when the API is down', async () => {
    const answer = await route()({ type: 'ai-info' }, optionsPage);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('stored rule list and display checks (content-script side, no zod)', () => {
  it('accepts what the background writes and rejects corrupted entries', () => {
    expect(isLearnedRuleList([rule()])).toBe(true);
    expect(isLearnedRuleList([])).toBe(true);
    expect(isLearnedRuleList([{ ...rule(), urgency: 'urgent' }])).toBe(false);
    expect(isLearnedRuleList([{ ...rule(), category: 'phishing' }])).toBe(false);
    expect(isLearnedRuleList([{ ...rule(), topic: 'invoice' }])).toBe(false);
    expect(isLearnedRuleList('[]')).toBe(false);
    expect(isLearnedRuleList(Array(MAX_RULES + 1).fill(rule()))).toBe(false);
  });

  it('checks the priorities, VIPs, AI switch and learned-rules settings', () => {
    expect(isValidSetting('priorities', 'Close the Acme renewal')).toBe(true);
    expect(isValidSetting('priorities', 'x'.repeat(2_001))).toBe(false);
    expect(isValidSetting('priorities', 42)).toBe(false);
    expect(isValidSetting('vips', ['ana@acme.com', '@bigclient.com'])).toBe(true);
    expect(isValidSetting('vips', ['x'.repeat(321)])).toBe(false);
    expect(isValidSetting('aiEnabled', 'yes')).toBe(false);
    expect(isValidSetting('learnedRules', [rule()])).toBe(true);
    expect(isValidSetting('learnedRules', [{ ...rule(), scope: 'domain' }])).toBe(false);
  });

  it('strips direction, zero-width and tag characters from shown text', () => {
    expect(displayText('Invoice \u202efdp.exe')).toBe('Invoice fdp.exe');
    expect(displayText('Pay\u200bPal\u{e0041}')).toBe('PayPal');
    expect(displayText('a\u0000\nb')).toBe('a b');
  });

  it('the tooltip names the sender safely, the suspicion and which engine answered', () => {
    const result: TriageResult = {
      id: '1',
      urgency: 'low',
      category: 'personal',
      reasons: [{ rule: 'hidden-characters', text: 'suspicious: direction-control characters', weight: -1 }],
      score: -1,
      source: 'rules',
      engine: 'rules-2',
      suspicious: true,
      at: NOW.toISOString(),
    };
    const tip = badgeTooltip(result, 'server', {
      from: { name: 'Ana \u202eSouza', email: 'ana@studio.example' },
      aiStatus: 'budget_exceeded',
    });
    expect(tip).toContain('From: Ana Souza <ana@studio.example>');
    expect(tip).toContain('⚠ suspicious: direction-control characters');
    expect(tip).toContain('Engine: AI budget spent today — rules (rules-2)');
    expect(engineLine({ ...result, source: 'ai', engine: 'gpt-4o-mini' }, 'ok')).toBe(
      'Engine: AI · gpt-4o-mini',
    );
    expect(engineLine(result, 'off')).toBe('Engine: rules (rules-2)');
  });
});

describe('triage port with rules and the AI switch, against the real API', () => {
  let api: NodeServer;
  let token = '';
  beforeAll(async () => {
    api = await startNodeServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', quiet: true });
    token = await accessTokenFor(api);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  function portPair() {
    const replies: PortReply[] = [];
    const listeners: ((message: unknown) => void)[] = [];
    const port: TriagePort = {
      postMessage: (reply) => replies.push(reply),
      onMessage: { addListener: (listener) => listeners.push(listener) },
      onDisconnect: { addListener: () => undefined },
      disconnect: () => undefined,
    };
    return {
      port,
      replies,
      send: (raw: unknown) => {
        for (const listener of listeners) listener(raw);
      },
    };
  }

  async function until(check: () => boolean): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 10_000) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('sends no mail to a deployed API while AI is off; the page keeps its local verdicts', async () => {
    const sent: string[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      sent.push(typeof init?.body === 'string' ? init.body : '');
      return fetch(input, init);
    };
    let mayLeave = false;
    let checks = 0;
    const peer = portPair();
    serveTriagePort(peer.port, {
      db,
      api: createApiClient({ baseUrl: async () => api.url, fetch: countingFetch, token: async () => token }),
      context: async () => ({}),
      aiEnabled: async () => false,
      maySendMail: async () => {
        checks += 1;
        return mayLeave;
      },
    });
    peer.send({ type: 'triage', batch: 0, messages: [message] });
    await until(() => checks === 1);
    mayLeave = true;
    const other = MessageSummary.parse({ ...message, id: '1789000000000000502', subject: 'Second thread' });
    peer.send({ type: 'triage', batch: 1, messages: [other] });
    // API calls are made in order, so once batch 1 has the server's answer batch 0 was handled too.
    await until(() =>
      peer.replies.some(
        (reply) => reply.type === 'triage-results' && reply.batch === 1 && reply.origin === 'server',
      ),
    );
    // Batch 0 keeps the rule engine's verdict, made here without the mail leaving.
    expect(
      peer.replies
        .filter((reply) => reply.batch === 0)
        .map((reply) => reply.type === 'triage-results' && reply.origin),
    ).toEqual(['rules']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Second thread');
    expect(sent[0]).not.toContain('Photos from the Saturday picnic');
  }, 20_000);

  it('the cache key changes with the rules that match and with the AI switch', () => {
    const base = cacheHash(message, [], false);
    expect(cacheHash(message, [rule({ sender: 'bob@marsh.example' })], false)).toBe(base);
    expect(cacheHash(message, [rule()], false)).not.toBe(base);
    expect(cacheHash(message, [], true)).not.toBe(base);
    expect(ruleFingerprint([rule(), rule({ id: 'b', sender: 'x@y.example' })], message)).toBe('rule-1:high');
  });

  it('sends the sender’s rules and the AI switch; the server honours the rule and says AI is unconfigured', async () => {
    await rules.add(rule({ urgency: 'high' }));
    const peer = portPair();
    serveTriagePort(peer.port, {
      db,
      api: createApiClient({ baseUrl: async () => api.url, token: async () => token }),
      context: async () => ({}),
      rules,
      aiEnabled: async () => true,
    });
    peer.send({ type: 'triage', batch: 0, messages: [message] });
    await until(() => peer.replies.length === 2);
    const [local, reply] = peer.replies;
    // The background's rule engine already honours the rule, before the API answers.
    expect(local).toMatchObject({ type: 'triage-results', origin: 'rules' });
    expect(local?.type === 'triage-results' ? local.results[0]?.urgency : undefined).toBe('high');
    expect(reply).toMatchObject({ type: 'triage-results', origin: 'server', aiStatus: 'unconfigured' });
    const result = reply?.type === 'triage-results' ? reply.results[0] : undefined;
    expect(result?.urgency).toBe('high');
    expect(result?.reasons[0]?.text).toBe('you marked mail from ana@studio.example as high');
    // Rules-only answers while AI is on are not cached: the next visit asks the model again.
    expect(await db.triage.count()).toBe(0);
  }, 20_000);
});

describe('what mail may leave the browser', () => {
  it('goes to an API on this computer, or anywhere once the user turned AI on', () => {
    for (const url of [
      'http://127.0.0.1:8787',
      'http://localhost:9000',
      'http://[::1]:8787',
      'http://127.1.2.3',
    ]) {
      expect(isLoopbackUrl(url)).toBe(true);
      expect(maySendMail(url, false)).toBe(true);
    }
    for (const url of [
      'https://brody-api.example.workers.dev',
      'http://192.168.1.10:8787',
      'http://127.0.0.1.evil.example',
      'not a url',
    ]) {
      expect(isLoopbackUrl(url)).toBe(false);
      expect(maySendMail(url, false)).toBe(false);
    }
    expect(maySendMail('https://brody-api.example.workers.dev', true)).toBe(true);
  });
});
