import { Hono } from 'hono';
import {
  LIMITS,
  MessageSummary,
  type TriageRequestEnvelope as TriageEnvelope,
  type TriageItemError,
  type TriageRequest,
  TriageRequestEnvelope,
  type TriageResponse,
} from '../../../shared/schemas';
import { cutText, hasUnstorableText } from '../../../shared/text/cut';
import { ApiFailure } from '../http/api-failure';
import type { AppEnv } from '../http/app-env';
import { describeIssues, validate } from '../http/validate';
import { layerAiOnRules } from '../triage/ai-triage';
import { triageWithCache, triageWithoutCache } from '../triage/cached-triage';
import type { TriageEngine } from '../triage/engine';

/** Header reporting how much of a batch came from the cache: `hits=N misses=M`. */
export const CACHE_HEADER = 'x-brody-cache';
/** Header reporting the AI cache for a batch: `hits=N sent=M` (M distinct contents sent to the model). */
export const AI_CACHE_HEADER = 'x-brody-ai-cache';

interface CheckedBatch {
  request: TriageRequest;
  /** Position of each accepted message in the client's batch. */
  positions: number[];
  errors: TriageItemError[];
}

function checkMessages(envelope: TriageEnvelope): CheckedBatch {
  const messages: MessageSummary[] = [];
  const positions: number[] = [];
  const errors: TriageItemError[] = [];
  envelope.messages.forEach((raw, index) => {
    const parsed = MessageSummary.safeParse(raw);
    if (parsed.success) {
      const { body } = parsed.data;
      // Bounded at the boundary: no rule scans more than the budget, whatever a client sends.
      messages.push(
        body !== undefined && body.length > LIMITS.triageBodyChars
          ? { ...parsed.data, body: cutText(body, LIMITS.triageBodyChars) }
          : parsed.data,
      );
      positions.push(index);
      return;
    }
    const id = (raw as { id?: unknown } | null)?.id;
    errors.push({
      index,
      // Echoed only when it is itself a storable id; the index always says which message it was.
      ...(typeof id === 'string' && id.length <= LIMITS.idChars && !hasUnstorableText(id) ? { id } : {}),
      code: 'bad_request',
      message: describeIssues(parsed.error.issues),
    });
  });
  if (messages.length === 0) {
    // Nothing to answer: the first message's problem, named by its path, is the request's problem.
    const first = MessageSummary.safeParse(envelope.messages[0]);
    const issues = first.success
      ? []
      : first.error.issues.map((issue) => ({ ...issue, path: ['messages', 0, ...issue.path] }));
    throw new ApiFailure('bad_request', describeIssues(issues));
  }
  return { request: { ...envelope, messages }, positions, errors };
}

export function triageRoutes(engine: TriageEngine) {
  return new Hono<AppEnv>().post('/v1/triage', validate('json', TriageRequestEnvelope), async (c) => {
    const { request, positions, errors } = checkMessages(c.req.valid('json'));
    // Rules first, always: every message has a result even when the model fails or is off.
    const outcome = request.ai
      ? await triageWithCache(c.var.db, c.var.user.id, request, engine, c.var.reportError)
      : await triageWithoutCache(request, engine);
    c.header(CACHE_HEADER, `hits=${outcome.hits} misses=${outcome.misses}`);
    for (const failed of outcome.failed) {
      errors.push({
        index: positions[failed] ?? failed,
        id: request.messages[failed]?.id,
        code: 'internal',
        message: 'This message could not be judged',
      });
    }
    const failedSet = new Set(outcome.failed);
    const judged: TriageRequest = {
      ...request,
      messages: request.messages.filter((_, index) => !failedSet.has(index)),
    };
    const ai = await layerAiOnRules(judged, outcome.results, {
      db: c.var.db,
      userId: c.var.user.id,
      provider: c.var.ai.provider,
      settings: c.var.ai.settings,
      reportError: c.var.reportError,
      memo: c.var.aiMemo,
    });
    if (request.ai) c.header(AI_CACHE_HEADER, `hits=${ai.cacheHits} sent=${ai.sentToModel}`);
    errors.sort((a, b) => a.index - b.index);
    const body: TriageResponse = { results: ai.results, errors, aiStatus: ai.aiStatus };
    return c.json(body, 200);
  });
}
