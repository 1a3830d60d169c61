import type { EngineContext } from '../context';
import { addReason, type Evidence } from '../evidence';
import type { MessageFacts } from '../message-facts';

/** VIPs and senders the user usually answers go up; senders the user always ignores go down. */
export function historyRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  if (!f.fromEmail || ev.spam >= 4) return;
  const vip =
    ctx.vipAddresses.has(f.fromEmail) ||
    ctx.vipDomains.some((d) => f.fromDomain === d || f.fromDomain.endsWith(`.${d}`));
  if (vip) {
    // A lift, not a verdict: a VIP's FYI is medium; a VIP's deadline today is high through the deadline.
    addReason(ev, 'vip', 'VIP sender', 3);
  }
  const stats = ctx.senderStats[f.fromEmail];
  const repliedOften =
    stats !== undefined &&
    (stats.replied >= 2 || (stats.replied >= 1 && stats.replied / Math.max(stats.received, 1) >= 0.3));
  // A spammer the user once answered is still a spammer.
  if (!repliedOften && ev.spam < 2 && ctx.sentTo.has(f.fromEmail)) {
    addReason(ev, 'sent-to', 'someone you write to', 1);
  }
  if (!stats) return;
  if (repliedOften) {
    addReason(ev, 'sender-history', 'you often reply to this sender', 1);
  } else if (stats.received >= 5 && stats.replied === 0) {
    addReason(ev, 'sender-history', 'you never reply to this sender', -1);
  }
}
