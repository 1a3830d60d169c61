import type { EngineContext } from '../context';
import { addReason, type Evidence, vote } from '../evidence';
import type { MessageFacts } from '../message-facts';

const AUTO_SUBJECT =
  /^(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|away from (?:the |my )?office|abwesenheit|réponse automatique|respuesta automática)\b/i;

/** Auto-replies and machine-submitted mail: notifications, low. */
export function autoReplyRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  const h = f.headers;
  const submitted = (h['auto-submitted'] ?? '').trim().toLowerCase();
  let why: string | undefined;
  if (AUTO_SUBJECT.test(f.subject)) why = 'auto-reply: out-of-office subject';
  else if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined)
    why = 'auto-reply: X-Autoreply';
  else if (submitted !== '' && submitted !== 'no')
    why = `automatic: Auto-Submitted ${submitted.slice(0, 20)}`;
  else if (h['x-auto-response-suppress'] !== undefined && !f.bulk && f.automated) {
    why = 'automatic: X-Auto-Response-Suppress';
  }
  if (!why) return;
  addReason(ev, 'auto-reply', why, -3);
  vote(ev, 'notification', 4);
}
