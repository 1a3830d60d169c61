import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import { isHuman, type MessageFacts } from '../message-facts';

/** What makes a person's mail cost something while it waits; each found is one reason. */
const STAKES: ReadonlyArray<readonly [string, RegExp]> = [
  [
    'something is down',
    /\b(?:outage|sev ?[12]|p[01] incident|major incident|(?:site|server|servers|prod|production|api|checkout|payments?|service|app|database|db|login|website|system|systems|platform|pipeline) (?:is |are |went |has gone |have gone )?(?:down|offline|broken|failing)|(?:is|are|was|went|gone|been) down\b(?! \d| to\b| by\b)|down since|down for (?:all|every|our|customers|users)|storing|ausfall|caída|panne|guasto|fora do ar|(?:não|no) funciona)\b/,
  ],
  [
    'blocked until you act',
    /\b(?:blocked|blocking|blocker|(?:can(?:no|')t|unable to) (?:proceed|ship|deploy|launch|release|move forward|continue|go live)|waiting on (?:you|your)|holding (?:up|everything)|held up|nothing (?:else )?moves|stuck (?:until|without))\b/,
  ],
  [
    'costing money now',
    /(?:\b(?:losing|lose|lost|costing|costs|burning|bleeding)\b[^.!?\n]{0,30}(?:[$€£]\s?\d|\d[\d,.]*k? (?:dollars|euros|pounds|usd|eur))[^.!?\n]{0,30}\b(?:an? |per |every |each )(?:hour|minute|day)\b|\b(?:revenue at risk|late fees?|penalt(?:y|ies) (?:of|if|for)|(?:fine|penalty) of)\b)/,
  ],
  [
    'needs a signature',
    /\b(?:sign(?:ature|ed|ing)?|countersign(?:ed)?|docusign|e-?sign(?:ature)?)\b[^.!?\n]{0,40}\b(?:contract|agreement|nda|sow|msa|offer letter|lease|term sheet|purchase order|order form)\b|\b(?:in|via) docusign\b|\b(?:contract|agreement|term sheet|nda|msa|sow)\b[^.!?\n]{0,40}\b(?:sign(?:ature|ed|ing)?|countersign|expires?|lapses?)\b/,
  ],
  [
    'for the board or investors',
    /\b(?:board (?:meeting|deck|call|members?|pack|review|update|of directors)|(?:the|our) board\b|investors?'? (?:update|call|meeting|questions|deck|memo)|(?:our|the|lead) investors?\b|due diligence)\b/,
  ],
  [
    'a customer ready to buy',
    /\b(?:ready to (?:buy|sign|purchase|move forward|close|go ahead)|wants? to (?:buy|sign|purchase)|close the deal|closing the deal|deal (?:closes|is closing)|verbal (?:yes|commit(?:ment)?)|(?:send|sent) (?:us |me )?(?:the |a )?(?:po|purchase order))\b/,
  ],
  [
    'escalated',
    /\b(?:escalat(?:e|ed|ing|ion)|(?:legal|lawyers?|attorneys?|regulators?|auditors?) (?:is |are )?(?:involved|asking|waiting|on it)|compliance (?:deadline|filing|breach)|regulatory (?:deadline|filing)|breach of|material breach|formal notice|legal action|lawsuit|litigation|cease and desist)\b/,
  ],
];

/**
 * Blocked work, money lost, a signature, the board, a buyer, an escalation: a person's mail that
 * says so weighs more, each stake shown. Spam and injected text use the same words, so neither gets
 * the lift.
 */
export function stakesRule(f: MessageFacts, _ctx: EngineContext, ev: Evidence): void {
  if (!isHuman(f) || ev.spam >= 1.5 || ev.suspicious) return;
  // On a list or a wide cc the stakes are everyone's, not the user's.
  if (f.toUser === false && !f.ccUser) return;
  if (f.to.length + f.cc.length > 8) return;
  let found = 0;
  for (const [text, pattern] of STAKES) {
    if (!pattern.test(f.lower)) continue;
    addReason(ev, 'stakes', text, found === 0 ? 2.5 : 1);
    found++;
  }
  // Stakes back a high rating only when nothing in the mail puts the date past the next working day.
  if (found > 0 && f.toUser === true && !ev.dueLater) ev.backed = true;
}
