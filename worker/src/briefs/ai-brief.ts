/**
 * A model brief for one meeting, cached per user, model, prompt and content: reopening an unchanged
 * event costs nothing; a new attendee, thread or task asks again. Model failures fall back to the
 * rules brief; a spent budget throws so the user learns why AI did not answer.
 */
import { type BriefRequest, BriefResponse } from '../../../shared/schemas';
import { prepareForModel, Redactor, sanitizeModelText, unredact } from '../../../shared/untrusted';
import { AiOutputError, AiUnavailableError } from '../ai/errors';
import { createNonce, mailBlock, type PromptMail } from '../ai/prompts';
import type { AiProvider } from '../ai/provider';
import type { AiSettings } from '../ai/settings';
import { emptyUsage } from '../ai/usage';
import { readAiCache, writeAiCache } from '../cache/ai-cache';
import type { Database } from '../db/database';
import { BudgetExceeded } from '../threads/ai-summary';
import { AiCallFailure } from '../triage/ai-call-failure';
import { recordUsage, tokensSpentToday } from '../usage/daily-budget';
import { BRIEF_PROMPT_VERSION, BRIEF_SYSTEM_PROMPT, BriefReply } from './prompt';

export interface AiBriefDeps {
  db: Database;
  userId: string;
  provider: AiProvider;
  settings: AiSettings;
  reportError: (error: unknown) => void;
}

const DESCRIPTION_TOKENS = 800;
const OUTPUT_TOKENS = 800;

async function briefKey(userId: string, model: string, request: BriefRequest): Promise<string> {
  const material = JSON.stringify([
    'brody-ai-brief',
    userId,
    model,
    BRIEF_PROMPT_VERSION,
    request.eventId,
    request.title,
    request.start ?? null,
    request.description,
    request.attendees,
    request.threads,
    request.tasks,
    [...request.userEmails].sort(),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function promptBlocks(request: BriefRequest): { mails: PromptMail[]; redactor: Redactor; original: string } {
  const people = [...request.attendees.map((person) => person.email), ...request.userEmails];
  const redactor = new Redactor({ allowEmails: people });
  const event: PromptMail = {
    id: '1',
    ...(request.start ? { date: request.start } : {}),
    prepared: prepareForModel({
      subject: request.title,
      from: 'calendar event',
      body: request.description,
      participants: people,
      maxTokens: DESCRIPTION_TOKENS,
      redactor,
    }),
  };
  const threads = request.threads.slice(0, 30).map((thread, index): PromptMail => {
    const owed =
      thread.owed === 'you_owe'
        ? 'The user owes a reply.'
        : thread.owed === 'they_owe'
          ? 'The user is waiting for a reply.'
          : '';
    return {
      id: String(index + 2),
      ...(thread.date ? { date: thread.date } : {}),
      prepared: prepareForModel({
        subject: thread.subject,
        from: thread.with,
        body: owed,
        participants: people,
        maxTokens: 60,
        redactor,
      }),
    };
  });
  const original = [
    request.title,
    request.description,
    ...request.threads.map((thread) => thread.subject),
  ].join('\n');
  return { mails: [event, ...threads], redactor, original };
}

export type AiBriefOutcome =
  | { kind: 'ai'; brief: BriefResponse }
  | { kind: 'fallback'; aiStatus: 'unavailable' | 'invalid_output' };

export async function briefWithAi(request: BriefRequest, deps: AiBriefDeps): Promise<AiBriefOutcome> {
  const { provider } = deps;
  const key = await briefKey(deps.userId, provider.model, request);
  const cached = (await readAiCache(deps.db, deps.userId, 'brief', [key])).get(key);
  const stored = cached === undefined ? undefined : BriefResponse.safeParse(cached);
  if (stored?.success) return { kind: 'ai', brief: { ...stored.data, at: new Date().toISOString() } };
  if ((await tokensSpentToday(deps.db, deps.userId)) >= deps.settings.dailyTokenBudget)
    throw new BudgetExceeded(deps.settings.dailyTokenBudget);

  const { mails, redactor, original } = promptBlocks(request);
  const nonce = createNonce();
  let reply: Awaited<ReturnType<AiProvider['structured']>> & { value: BriefReply };
  try {
    reply = await provider.structured({
      name: 'meeting_brief',
      schema: BriefReply,
      system: BRIEF_SYSTEM_PROMPT,
      user: [
        `Nonce: ${nonce}`,
        `Current time: ${new Date().toISOString()}`,
        '',
        mails.map((mail) => mailBlock(mail, nonce)).join('\n\n'),
      ].join('\n'),
      maxOutputTokens: OUTPUT_TOKENS,
    });
  } catch (error) {
    if (!(error instanceof AiOutputError || error instanceof AiUnavailableError)) throw error;
    const spent = error instanceof AiOutputError ? error.usage : (error.details.usage ?? emptyUsage());
    await recordUsage(deps.db, deps.userId, spent, 1);
    deps.reportError(AiCallFailure.from('brief', error, mails.length));
    return { kind: 'fallback', aiStatus: error instanceof AiOutputError ? 'invalid_output' : 'unavailable' };
  }
  await recordUsage(deps.db, deps.userId, reply.usage, 1);
  // Shown as text beside the event: placeholders go back to what the event itself shows, links that
  // were not in it go, and nothing of the model's can become markup.
  const restore = (text: string) => sanitizeModelText(unredact(text, redactor.map), original).slice(0, 300);
  const suspicious = reply.value.suspicious || mails.some((mail) => mail.prepared.suspicious);
  const brief = BriefResponse.parse({
    eventId: request.eventId,
    agenda: reply.value.agenda.slice(0, 6).map(restore).filter(Boolean),
    talkingPoints: reply.value.talkingPoints.slice(0, 6).map(restore).filter(Boolean),
    source: 'ai',
    engine: reply.model,
    aiStatus: 'ok',
    suspicious,
    notes: suspicious ? ['the event or a thread contains instructions aimed at an AI; treated as text'] : [],
    at: new Date().toISOString(),
  } satisfies BriefResponse);
  await writeAiCache(deps.db, deps.userId, 'brief', provider.model, BRIEF_PROMPT_VERSION, [
    { contentKey: key, result: brief },
  ]);
  return { kind: 'ai', brief };
}
