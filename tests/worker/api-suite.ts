/**
 * The API's behaviour, written once and run against every database the API supports: each test file
 * calls `defineApiSuite` with its own fresh database.
 */
import { inspect } from 'node:util';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import {
  ApiError,
  HealthResponse,
  LIMITS,
  type MessageSummaryInput,
  type TriageRequestInput,
  TriageResponse,
} from '../../shared/schemas';
import { RULES_ENGINE_VERSION } from '../../shared/triage';
import { type AppDeps, createApp } from '../../worker/src/app';
import type { DatabaseHandle, DatabaseKind } from '../../worker/src/db/client';
import { triageResults, users } from '../../worker/src/db/schema';
import { CONTEXT, NOW, newsletterMessage, urgentMessage } from './messages';
import { authHeader, signedIn } from './sign-in';

export interface SuiteDatabase {
  handle: DatabaseHandle;
  /** Releases the handle and drops the database. */
  cleanup(): Promise<void>;
  /** What the Worker passes on neon-http: a database per signed-in request, for its transaction. */
  perRequestDatabase?: AppDeps['perRequestDatabase'];
}

const EVIL_ORIGIN = 'https://evil.example';

export function defineApiSuite(
  label: string,
  expectedKind: DatabaseKind,
  open: () => Promise<SuiteDatabase>,
) {
  describe(`API on ${label}`, () => {
    let database: SuiteDatabase;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      database = await open();
      app = signedIn(
        createApp({
          db: database.handle.db,
          database: database.handle.kind,
          allowedOrigins: [EXTENSION_ORIGIN],
          version: 'test',
          ...perRequest(),
        }),
        database.handle.db,
      );
    });
    afterAll(async () => {
      await database?.cleanup();
    });
    const perRequest = () =>
      database.perRequestDatabase ? { perRequestDatabase: database.perRequestDatabase } : {};

    const postTriage = (body: unknown, headers: Record<string, string> = {}) =>
      app.request('/v1/triage', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    async function storedRows(ids: string[]) {
      return database.handle.db
        .select()
        .from(triageResults)
        .where(and(eq(triageResults.userId, 'local'), inArray(triageResults.messageId, ids)));
    }

    it('answers /healthz after running a query on the database', async () => {
      const response = await app.request('/healthz');
      expect(response.status).toBe(200);
      const body = HealthResponse.parse(await response.json());
      expect(body).toEqual({ ok: true, database: expectedKind, version: 'test' });
    });

    it('triages a batch with the rule engine and knows urgent mail from a newsletter', async () => {
      const request: TriageRequestInput = {
        messages: [urgentMessage('happy-urgent'), newsletterMessage('happy-news')],
        context: { now: NOW, vips: ['ceo@acme.example'] },
      };
      const response = await postTriage(request);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const { results } = TriageResponse.parse(await response.json());
      expect(results.map((result) => result.id)).toEqual(['happy-urgent', 'happy-news']);
      expect(results[0]?.urgency).toBe('high');
      expect(results[1]?.urgency).toBe('low');
      for (const result of results) {
        expect(result.source).toBe('rules');
        expect(result.engine).toBe(RULES_ENGINE_VERSION);
        expect(result.reasons.length).toBeGreaterThan(0);
      }
    });

    it('serves unchanged mail from the database and recomputes mail whose content changed', async () => {
      const first = urgentMessage('cache-a');
      const second = newsletterMessage('cache-b');
      const request = { messages: [first, second], context: CONTEXT, ai: true };

      const cold = await postTriage(request);
      expect(cold.status).toBe(200);
      expect(cold.headers.get('x-brody-cache')).toBe('hits=0 misses=2');
      const coldBody = TriageResponse.parse(await cold.json());
      const before = await storedRows(['cache-a', 'cache-b']);
      expect(before).toHaveLength(2);

      const warm = await postTriage(request);
      expect(warm.headers.get('x-brody-cache')).toBe('hits=2 misses=0');
      // Served from the stored row: the result's own timestamp is the first computation's.
      expect(TriageResponse.parse(await warm.json())).toEqual(coldBody);
      const afterWarm = await storedRows(['cache-a', 'cache-b']);
      for (const row of afterWarm) {
        const original = before.find((item) => item.messageId === row.messageId);
        expect(row.updatedAt.getTime()).toBe(original?.updatedAt.getTime());
        expect(row.contentHash).toBe(original?.contentHash);
      }

      const edited = { ...first, subject: `${first.subject} (revised)` };
      const changed = await postTriage({ messages: [edited, second], context: CONTEXT, ai: true });
      expect(changed.headers.get('x-brody-cache')).toBe('hits=1 misses=1');
      const afterChange = await storedRows(['cache-a']);
      const originalA = before.find((item) => item.messageId === 'cache-a');
      expect(afterChange[0]?.contentHash).not.toBe(originalA?.contentHash);
      expect(afterChange[0]?.createdAt.getTime()).toBe(originalA?.createdAt.getTime());
      expect(afterChange[0]?.updatedAt.getTime()).toBeGreaterThan(originalA?.updatedAt.getTime() ?? 0);
    });

    it('answers a batch that repeats a message id and stores the last version once', async () => {
      const early = urgentMessage('dup-1');
      const late = { ...newsletterMessage('dup-1') };
      const response = await postTriage({ messages: [early, late], context: CONTEXT, ai: true });
      expect(response.status).toBe(200);
      const { results } = TriageResponse.parse(await response.json());
      expect(results.map((result) => [result.id, result.urgency])).toEqual([
        ['dup-1', 'high'],
        ['dup-1', 'low'],
      ]);
      const rows = await storedRows(['dup-1']);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.result.urgency).toBe('low');
    });

    it('scopes stored rows to the owner (the local user of before accounts), whom pairing signs in', async () => {
      await postTriage({ messages: [urgentMessage('scope-1')], ai: true });
      const rows = await database.handle.db
        .select({ userId: triageResults.userId })
        .from(triageResults)
        .where(eq(triageResults.messageId, 'scope-1'));
      expect(rows).toEqual([{ userId: 'local' }]);
      const owners = await database.handle.db
        .selectDistinct({ userId: triageResults.userId })
        .from(triageResults);
      expect(owners).toEqual([{ userId: 'local' }]);
      const localUsers = await database.handle.db.select().from(users).where(eq(users.id, 'local'));
      expect(localUsers).toHaveLength(1);
    });

    it('stores and returns hostile strings verbatim, as data', async () => {
      const markup = '<img src=x onerror=alert(1)>';
      const injection = "'); drop table users;--";
      const messages: MessageSummaryInput[] = [
        { ...newsletterMessage(markup), subject: markup, from: { name: injection, email: 'x@evil.example' } },
        { ...urgentMessage(injection), snippet: `${injection} ${markup}` },
      ];
      const response = await postTriage({ messages, ai: true });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const { results } = TriageResponse.parse(await response.json());
      expect(results.map((result) => result.id)).toEqual([markup, injection]);

      const rows = await storedRows([markup, injection]);
      expect(rows.map((row) => row.messageId).sort()).toEqual([markup, injection].sort());
      for (const row of rows) expect(row.result.id).toBe(row.messageId);
      const [{ count } = { count: -1 }] = await database.handle.db
        .select({ count: sql<number>`count(*)::int` })
        .from(users);
      expect(count).toBe(1);
    });

    it('rejects a wrong shape with 400 naming the field', async () => {
      const bad = { messages: [{ ...urgentMessage('bad-1'), from: { name: 'A', email: 42 } }] };
      const response = await postTriage(bad);
      expect(response.status).toBe(400);
      const body = ApiError.parse(await response.json());
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('messages.0.from.email');
    });

    it('rejects malformed JSON with 400', async () => {
      const response = await postTriage('{"messages": [');
      expect(response.status).toBe(400);
      const body = ApiError.parse(await response.json());
      expect(body.error.code).toBe('bad_request');
    });

    it(`rejects a batch over ${LIMITS.triageBatch} messages with 400`, async () => {
      const messages = Array.from({ length: LIMITS.triageBatch + 1 }, (_, index) => ({
        id: `batch-${index}`,
        from: { name: '', email: 'a@b.example' },
      }));
      const response = await postTriage({ messages });
      expect(response.status).toBe(400);
      const body = ApiError.parse(await response.json());
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('messages');
      expect(await storedRows(['batch-0'])).toHaveLength(0);
    });

    it(`rejects a body over ${LIMITS.requestBytes} bytes with 413`, async () => {
      const huge = JSON.stringify({
        messages: [{ ...urgentMessage('huge'), body: 'x'.repeat(LIMITS.requestBytes + 10) }],
      });
      const response = await postTriage(huge, { 'content-length': String(Buffer.byteLength(huge)) });
      expect(response.status).toBe(413);
      const body = ApiError.parse(await response.json());
      expect(body.error.code).toBe('payload_too_large');
    });

    it('answers an unknown route with the 404 error shape', async () => {
      const response = await app.request('/v1/nothing-here');
      expect(response.status).toBe(404);
      expect(ApiError.parse(await response.json()).error.code).toBe('not_found');
    });

    it('allows CORS for the extension origin only and refuses other sites', async () => {
      const preflight = (origin: string) =>
        app.request('/v1/triage', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const allowed = await preflight(EXTENSION_ORIGIN);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');

      const corsHeaders = (response: Response) =>
        [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
      const denied = await preflight(EVIL_ORIGIN);
      expect(corsHeaders(denied)).toEqual([]);

      // A page on another site can send a "simple" POST without a preflight: refused, nothing stored.
      const evilPost = await postTriage({ messages: [urgentMessage('cors-evil')] }, { origin: EVIL_ORIGIN });
      expect(evilPost.status).toBe(403);
      expect(ApiError.parse(await evilPost.json()).error.code).toBe('forbidden');
      expect(corsHeaders(evilPost)).toEqual([]);
      expect(await storedRows(['cors-evil'])).toHaveLength(0);

      // Without an Origin (curl, the command line) there is no browser page to protect against.
      const noOrigin = await postTriage({ messages: [urgentMessage('cors-none')] });
      expect(noOrigin.status).toBe(200);
      expect(corsHeaders(noOrigin)).toEqual([]);
      const extensionPost = await postTriage(
        { messages: [urgentMessage('cors-1')] },
        { origin: EXTENSION_ORIGIN },
      );
      expect(extensionPost.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
      expect(extensionPost.headers.get('access-control-expose-headers')).toContain('x-brody-cache');
    });

    describe('hostile text never fails a batch', () => {
      const wellFormedJson = (value: unknown) => {
        const text = JSON.stringify(value);
        // JSON.stringify escapes lone surrogates as \\udxxx; a well-formed answer has none.
        expect(text).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
        expect(text).not.toContain('\\u0000');
      };

      it('answers every message when one id holds a NUL, naming the bad one', async () => {
        const messages = [
          urgentMessage('nul-good-1'),
          urgentMessage('a\u0000b'),
          newsletterMessage('nul-good-2'),
        ];
        const response = await postTriage({ messages, context: CONTEXT, ai: true });
        expect(response.status).toBe(200);
        const body = TriageResponse.parse(await response.json());
        expect(body.results.map((result) => result.id)).toEqual(['nul-good-1', 'nul-good-2']);
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0]).toMatchObject({ index: 1, code: 'bad_request' });
        expect(body.errors[0]?.message).toContain('id');
        expect(await storedRows(['nul-good-1', 'nul-good-2'])).toHaveLength(2);
      });

      it('answers a wrongly shaped message as an error entry and the rest as results', async () => {
        const messages = [urgentMessage('shape-good'), { id: 'shape-bad', from: 'not an address' }];
        const response = await postTriage({ messages, context: CONTEXT });
        expect(response.status).toBe(200);
        const body = TriageResponse.parse(await response.json());
        expect(body.results.map((result) => result.id)).toEqual(['shape-good']);
        expect(body.errors).toEqual([
          expect.objectContaining({ index: 1, id: 'shape-bad', code: 'bad_request' }),
        ]);
      });

      it('stores mail whose sender, header, subject and name hold emoji, NUL and lone surrogates', async () => {
        const messages: MessageSummaryInput[] = [
          {
            ...urgentMessage('emoji-sender'),
            from: { name: 'Alerts', email: 'alerts-😀😀😀😀😀😀😀@evil.example' },
          },
          {
            ...newsletterMessage('emoji-header'),
            headers: { precedence: 'bulk-😀😀😀😀', 'list-id': 'x\u0000y' },
          },
          {
            ...urgentMessage('lone-subject'),
            subject: `Pay now \ud83d today`,
            snippet: 'half \ude00 a pair\u0000',
          },
          { ...urgentMessage('lone-name'), from: { name: '\ud800Boss\u0000', email: 'boss@acme.example' } },
        ];
        const response = await postTriage({ messages, context: CONTEXT, ai: true });
        expect(response.status).toBe(200);
        const json = await response.json();
        wellFormedJson(json);
        const body = TriageResponse.parse(json);
        expect(body.results.map((result) => result.id)).toEqual(messages.map((message) => message.id));
        expect(body.errors).toEqual([]);
        const rows = await storedRows(messages.map((message) => message.id));
        expect(rows).toHaveLength(messages.length);
        for (const row of rows) wellFormedJson(row.result);
      });

      it(`refuses lists longer than a real user has (over ${LIMITS.vips} VIPs) with 400`, async () => {
        const vips = Array.from({ length: LIMITS.vips + 1 }, (_, index) => `vip${index}@acme.example`);
        const response = await postTriage({ messages: [urgentMessage('many-vips')], context: { vips } });
        expect(response.status).toBe(400);
        expect(ApiError.parse(await response.json()).error.message).toContain('context.vips');
        const stats = Object.fromEntries(
          Array.from({ length: LIMITS.senderStats + 1 }, (_, index) => [
            `s${index}@x.example`,
            { received: 1, replied: 0 },
          ]),
        );
        const many = await postTriage({
          messages: [urgentMessage('many-stats')],
          context: { senderStats: stats },
        });
        expect(many.status).toBe(400);
        expect(ApiError.parse(await many.json()).error.message).toContain('context.senderStats');
      });

      it('refuses a reference time outside JavaScript dates with 400, not 500', async () => {
        for (const now of ['+275760-09-13T00:00:00.001Z', '+275760-09-10T00:00:00.000Z', 'not a date']) {
          const response = await postTriage({ messages: [urgentMessage('far-now')], context: { now } });
          expect(response.status, now).toBe(400);
          expect(ApiError.parse(await response.json()).error.message).toContain('context.now');
          const summary = await app.request('/v1/threads/summary', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              threadId: 'far-thread',
              now,
              messages: [
                { id: 'far-1', from: { name: 'A', email: 'a@b.example' }, text: 'Send it in 3 days.' },
              ],
            }),
          });
          expect(summary.status, now).toBe(400);
          expect(ApiError.parse(await summary.json()).error.message).toContain('now');
        }
      });

      it('summarises a thread whose mail dates lie outside JavaScript dates', async () => {
        const response = await app.request('/v1/threads/summary', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            threadId: 'far-dates',
            now: NOW,
            messages: [
              {
                id: 'fd-1',
                from: { name: 'A', email: 'a@b.example' },
                date: '+275760-09-13T00:00:00.001Z',
                text: 'Due in 3 days?',
              },
            ],
          }),
        });
        expect(response.status).toBe(200);
      });

      it('logs a failed insert without its parameters, and still answers the batch', async () => {
        const reported: unknown[] = [];
        const logging = signedIn(
          createApp({
            db: database.handle.db,
            database: database.handle.kind,
            allowedOrigins: [],
            version: 'test',
            reportError: (error) => reported.push(error),
            ...perRequest(),
          }),
          database.handle.db,
        );
        // The database refuses these rows only: a write failure with mail content in its parameters.
        await database.handle.db.execute(
          sql.raw(
            "alter table triage_results add constraint refuse_nolog check (message_id not like 'nolog-%') not valid",
          ),
        );
        try {
          const secret = 'SECRET-MERGER-TERMS';
          const response = await logging.request('/v1/triage', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              messages: [{ ...urgentMessage('nolog-1'), subject: `${secret} please sign by 5pm today` }],
              context: CONTEXT,
              ai: true,
            }),
          });
          expect(response.status).toBe(200);
          expect(TriageResponse.parse(await response.json()).results.map((result) => result.id)).toEqual([
            'nolog-1',
          ]);
          expect(reported.length).toBeGreaterThan(0);
          const logged = reported.map((error) => inspect(error, { depth: 10 })).join('\n');
          expect(logged).toContain('refuse_nolog');
          expect(logged).not.toContain(secret);
          expect(logged).not.toContain('please sign');
        } finally {
          await database.handle.db.execute(
            sql.raw('alter table triage_results drop constraint refuse_nolog'),
          );
        }
      });
    });

    it('judges rules-only requests afresh, reading and writing no stored results', async () => {
      const request = {
        messages: [urgentMessage('fresh-1'), newsletterMessage('fresh-2')],
        context: CONTEXT,
      };
      for (let round = 0; round < 2; round++) {
        const response = await postTriage(request);
        expect(response.status).toBe(200);
        expect(response.headers.get('x-brody-cache')).toBe('hits=0 misses=2');
        const { results } = TriageResponse.parse(await response.json());
        expect(results.map((result) => result.urgency)).toEqual(['high', 'low']);
      }
      expect(await storedRows(['fresh-1', 'fresh-2'])).toHaveLength(0);
    });

    it('refuses /v1/* without a valid access token, answers with one; /healthz stays open', async () => {
      const open = createApp({
        db: database.handle.db,
        database: database.handle.kind,
        allowedOrigins: [EXTENSION_ORIGIN],
        version: 'test',
        ...perRequest(),
      });
      const call = (headers: Record<string, string>) =>
        open.request('/v1/triage', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ messages: [urgentMessage('token-1')], ai: true }),
        });
      const header = await authHeader(open, database.handle.db);
      const wrong: Record<string, string>[] = [
        {},
        { authorization: 'Bearer nope' },
        { authorization: `${header.authorization}x` },
        { authorization: header.authorization.replace('Bearer ', 'Basic ') },
      ];
      for (const headers of wrong) {
        const refused = await call(headers);
        expect(refused.status).toBe(401);
        expect(refused.headers.get('www-authenticate')).toBe('Bearer');
        expect(ApiError.parse(await refused.json()).error.code).toBe('unauthorized');
      }
      expect(await storedRows(['token-1'])).toHaveLength(0);
      expect((await call(header)).status).toBe(200);
      expect(await storedRows(['token-1'])).toHaveLength(1);
      expect((await open.request('/healthz')).status).toBe(200);
    });

    it('turns an unexpected failure into 500 without leaking its details', async () => {
      const reported: unknown[] = [];
      const failing = signedIn(
        createApp({
          db: database.handle.db,
          database: database.handle.kind,
          allowedOrigins: [],
          version: 'test',
          engine: {
            version: 'broken',
            triageMany: () => {
              throw new Error('secret internal detail');
            },
          },
          reportError: (error) => reported.push(error),
          ...perRequest(),
        }),
        database.handle.db,
      );
      const response = await failing.request('/v1/triage', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [urgentMessage('boom-1')] }),
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(ApiError.parse(JSON.parse(text)).error.code).toBe('internal');
      expect(text).not.toContain('secret');
      expect(text).not.toContain('at ');
      expect(reported).toHaveLength(1);
    });
  });
}
