/**
 * Asks the API for a meeting's agenda and talking points. Only subjects, names and the event's own
 * text go out (never thread bodies), and only when the service has checked that AI is on and mail
 * may leave the browser.
 */
import { hc } from 'hono/client';
import { type BriefRequestInput, BriefResponse } from '../../../shared/schemas';
import type { AppType } from '../../../worker/src/app';
import type { AiBriefCall } from './service';

const AI_TIMEOUT_MS = 60_000;

export class BriefCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function createAiBriefCall(options: {
  apiUrl: () => Promise<string>;
  userEmails: () => Promise<string[]>;
  fetch?: typeof fetch;
}): AiBriefCall {
  return async ({ brief, threads, tasks }, event) => {
    const owed = new Map(
      brief.attendees.flatMap((person) =>
        person.replies.map((reply) => [reply.threadId, reply.direction] as const),
      ),
    );
    const body: BriefRequestInput = {
      eventId: event.id,
      title: event.title,
      ...(event.start ? { start: event.start } : {}),
      description: event.description ?? '',
      attendees: brief.attendees.map((person) => ({ email: person.email, name: person.name ?? '' })),
      threads: [...threads]
        .flatMap(([email, list]) =>
          list.map((thread) => ({
            with: email,
            subject: thread.subject,
            date: new Date(thread.lastAt).toISOString(),
            ...(thread.urgency ? { urgency: thread.urgency } : {}),
            ...(owed.has(thread.id) ? { owed: owed.get(thread.id) } : {}),
          })),
        )
        .slice(0, 100),
      tasks: tasks
        .slice(0, 100)
        .map((task) => ({ title: task.title, ...(task.due ? { due: task.due } : {}) })),
      ai: true,
      userEmails: (await options.userEmails()).slice(0, 20),
    };
    const base = (await options.apiUrl()).replace(/\/+$/, '');
    const client = hc<AppType>(base, {
      fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    });
    let response: Response;
    try {
      response = await client.v1.briefs.$post(
        { json: body },
        { init: { signal: AbortSignal.timeout(AI_TIMEOUT_MS) } },
      );
    } catch (error) {
      throw new BriefCallError('unavailable', `cannot reach the API (${String(error)})`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      throw new BriefCallError(
        typeof error?.code === 'string' ? error.code : 'unavailable',
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
      );
    }
    const parsed = BriefResponse.safeParse(json);
    if (!parsed.success) throw new BriefCallError('internal', 'the API answered in an unexpected shape');
    return parsed.data;
  };
}
