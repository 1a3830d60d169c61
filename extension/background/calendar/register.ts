/**
 * Wires the Calendar and people domains into the background: the triage port's rows and the opened
 * threads feed db.threads, and the router gets the Calendar service.
 */
import type { MessageSummary, ThreadSummaryRequest, Urgency } from '../../../shared/schemas';
import type { getSetting as GetSetting } from '../../platform/settings';
import type { BrodyDatabase } from '../db';
import { isSentView, recordOpenedThread, recordRows } from '../people/record';
import { createAiBriefCall } from './ai-brief';
import { createCalendarService } from './service';

export interface CalendarWiringDeps {
  db: BrodyDatabase;
  apiUrl: () => Promise<string>;
  aiEnabled: () => Promise<boolean>;
  /** Whether mail content may leave the browser (privacy.ts). */
  mailMayLeave: () => Promise<boolean>;
  getSetting: typeof GetSetting;
  /** Carries the device's access token to the API. */
  fetch?: typeof fetch;
}

export function wireCalendar(deps: CalendarWiringDeps) {
  const { db, getSetting } = deps;
  const userEmails = () => getSetting('userEmails');
  const context = async () => ({ userEmails: await userEmails(), vips: await getSetting('vips') });
  // Remembering is best effort: a failed write must never break triage or the summary card.
  const quietly = (work: Promise<unknown>) => void work.catch(() => undefined);
  const service = createCalendarService({
    db,
    userEmails,
    aiAllowed: async () => (await deps.aiEnabled()) && (await deps.mailMayLeave()),
    aiBrief: createAiBriefCall({
      apiUrl: deps.apiUrl,
      userEmails,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    }),
  });
  return {
    router: {
      calendar: service,
      onThreadOpened(request: ThreadSummaryRequest): void {
        quietly(userEmails().then((emails) => recordOpenedThread(db, request, { userEmails: emails })));
      },
    },
    onRows(
      rows: readonly MessageSummary[],
      tabUrl: string | undefined,
      urgencies?: ReadonlyMap<string, Urgency>,
    ): void {
      quietly(
        context().then((ctx) =>
          recordRows(db, rows, {
            userEmails: ctx.userEmails,
            context: ctx,
            sentView: isSentView(tabUrl),
            urgencies,
          }),
        ),
      );
    },
  };
}
