/**
 * The brief by rule, on the server: the same agenda and talking points the extension builds
 * locally, so an API without a model (or with AI off) answers in the same shape.
 */
import { agendaFromDescription } from '../../../shared/brief/agenda';
import type { BriefRequest, BriefResponse } from '../../../shared/schemas';

export const BRIEF_RULES_VERSION = 'brief-rules-1';
const REPLY_PREFIX = /^(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+/i;

export function briefWithRules(request: BriefRequest, aiStatus: BriefResponse['aiStatus']): BriefResponse {
  const description = agendaFromDescription(request.description);
  const subjects = [
    ...new Set(request.threads.map((thread) => thread.subject.replace(REPLY_PREFIX, '').trim())),
  ].filter(Boolean);
  const name = (email: string) => request.attendees.find((person) => person.email === email)?.name || email;
  const points = [
    ...request.threads
      .filter((thread) => thread.owed)
      .map((thread) =>
        thread.owed === 'you_owe'
          ? `You owe ${name(thread.with)} a reply: ${thread.subject}`
          : `Waiting on ${name(thread.with)}: ${thread.subject}`,
      ),
    ...request.tasks.map((task) => `Open task: ${task.title}`),
  ];
  return {
    eventId: request.eventId,
    agenda: (description.items.length > 0 ? description.items : subjects)
      .slice(0, 8)
      .map((item) => item.slice(0, 300)),
    talkingPoints: [...new Set(points)].slice(0, 10).map((point) => point.slice(0, 300)),
    source: 'rules',
    engine: BRIEF_RULES_VERSION,
    aiStatus,
    suspicious: description.reasons.length > 0,
    notes:
      description.flaggedLines.length > 0
        ? ['the description contains text aimed at an AI; it was left out']
        : [],
    at: new Date().toISOString(),
  };
}
