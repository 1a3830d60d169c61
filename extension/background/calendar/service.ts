/**
 * The background's Calendar domain: stores the events the page shows, answers with the local brief
 * at once, fetches the model's agenda and talking points when the user allows AI, and keeps the
 * user's prep. Only the Calendar content script and extension pages may ask (see mayAskCalendar).
 */

import type { z } from 'zod';
import type { Brief } from '../../../shared/brief/types';
import type { CalendarEvent, EventPrep } from '../../../shared/day/model';
import { BriefResponse } from '../../../shared/schemas';
import type { CalendarAiBriefRequest, CalendarBriefRequest, SetPrepRequest } from '../../platform/messages';
import type { BrodyDatabase } from '../db';
import type { SenderInfo } from '../sender-check';
import { type AssembledBrief, assembleBrief } from './assemble';
import { nextMeeting, saveSeenEvent } from './events';
import { updatePrep } from './prep';

export type CalendarRequest =
  | z.infer<typeof CalendarBriefRequest>
  | z.infer<typeof CalendarAiBriefRequest>
  | z.infer<typeof SetPrepRequest>;

export type CalendarAnswer =
  | { ok: true; brief: Brief | null; aiPending: boolean }
  | { ok: true; prep: EventPrep }
  | { ok: false; error: { code: string; message: string } };

/** Calls POST /v1/briefs; absent until an API is configured. */
export type AiBriefCall = (assembled: AssembledBrief, event: CalendarEvent) => Promise<BriefResponse>;

export interface CalendarServiceDeps {
  db: BrodyDatabase;
  userEmails: () => Promise<string[]>;
  /** AI on and mail allowed to leave (privacy.ts): only then is anything sent for a brief. */
  aiAllowed: () => Promise<boolean>;
  aiBrief?: AiBriefCall;
  now?: () => number;
}

const CALENDAR_TYPES = new Set(['calendar-brief', 'calendar-ai-brief', 'set-prep']);

export function isCalendarRequest(request: { type: string }): request is CalendarRequest {
  return CALENDAR_TYPES.has(request.type);
}

/** The Calendar content script (https://calendar.google.com) or an extension page; not Gmail. */
export function mayAskCalendar(sender: SenderInfo, extensionOrigin: string): boolean {
  const url = sender.url ?? '';
  if (url.startsWith(`${extensionOrigin.replace(/\/$/, '')}/`)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname === 'calendar.google.com';
  } catch {
    return false;
  }
}

/** The model's agenda and talking points over the local brief; the facts stay the local ones. */
export function withAi(brief: Brief, ai: BriefResponse): Brief {
  if (ai.source !== 'ai') return brief;
  return {
    ...brief,
    agenda: ai.agenda.length > 0 ? { items: ai.agenda, from: 'ai' } : brief.agenda,
    talkingPoints: ai.talkingPoints.length > 0 ? ai.talkingPoints : brief.talkingPoints,
    source: { kind: 'ai', model: ai.engine },
    at: ai.at,
  };
}

export function createCalendarService(deps: CalendarServiceDeps) {
  const now = () => deps.now?.() ?? Date.now();

  async function eventFor(request: z.infer<typeof CalendarBriefRequest>): Promise<CalendarEvent | undefined> {
    if (request.event) return saveSeenEvent(deps.db, request.event, now());
    if (request.eventId) return deps.db.events.get(request.eventId);
    return nextMeeting(deps.db, now());
  }

  async function cachedAi(eventId: string, contentHash: string): Promise<BriefResponse | null> {
    const stored = await deps.db.briefs.get(eventId);
    if (!stored || stored.contentHash !== contentHash) return null;
    const parsed = BriefResponse.safeParse(stored.brief);
    return parsed.success ? parsed.data : null;
  }

  async function localBrief(request: z.infer<typeof CalendarBriefRequest>): Promise<CalendarAnswer> {
    const event = await eventFor(request);
    if (!event) return { ok: true, brief: null, aiPending: false };
    const assembled = await assembleBrief(deps.db, event, await deps.userEmails(), now());
    const cached = await cachedAi(event.id, assembled.contentHash);
    if (cached) return { ok: true, brief: withAi(assembled.brief, cached), aiPending: false };
    const aiPending = deps.aiBrief !== undefined && (await deps.aiAllowed());
    return { ok: true, brief: assembled.brief, aiPending };
  }

  async function aiBrief(request: z.infer<typeof CalendarAiBriefRequest>): Promise<CalendarAnswer> {
    const event = await deps.db.events.get(request.eventId);
    if (!event)
      return { ok: false, error: { code: 'not_found', message: 'Brody has not seen this event yet' } };
    const assembled = await assembleBrief(deps.db, event, await deps.userEmails(), now());
    if (!deps.aiBrief || !(await deps.aiAllowed()))
      return { ok: true, brief: assembled.brief, aiPending: false };
    const cached = request.force ? null : await cachedAi(event.id, assembled.contentHash);
    if (cached) return { ok: true, brief: withAi(assembled.brief, cached), aiPending: false };
    try {
      const answer = await deps.aiBrief(assembled, event);
      // A rules answer (model down, budget spent) is not kept: the next open asks again.
      if (answer.source === 'ai')
        await deps.db.briefs.put({
          eventId: event.id,
          contentHash: assembled.contentHash,
          brief: answer,
          at: now(),
        });
      return { ok: true, brief: withAi(assembled.brief, answer), aiPending: false };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown }).code;
      return { ok: false, error: { code: typeof code === 'string' ? code : 'unavailable', message } };
    }
  }

  return {
    async handle(request: CalendarRequest): Promise<CalendarAnswer> {
      switch (request.type) {
        case 'calendar-brief':
          return localBrief(request);
        case 'calendar-ai-brief':
          return aiBrief(request);
        case 'set-prep':
          return {
            ok: true,
            prep: await updatePrep(
              deps.db,
              request.eventId,
              {
                ...(request.status ? { status: request.status } : {}),
                ...(request.item ? { item: request.item } : {}),
              },
              now(),
            ),
          };
      }
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
