import type { EngineContext } from '../context';
import { addReason, addSpam, type Evidence, vote } from '../evidence';
import { baseDomain, type MessageFacts } from '../message-facts';
import {
  BRANDS,
  DOLLARS,
  FREEMAIL,
  JUNK_SUBJECT_TAIL,
  PUSHY,
  phish,
  SCAM_SIGN,
  scamAny,
} from './spam-phrases';

function authFailures(results: string | undefined): number {
  if (!results) return 0;
  const r = results.toLowerCase();
  let points = 0;
  if (/\bdmarc=fail/.test(r)) points += 3;
  if (/\bspf=(?:fail|softfail)/.test(r)) points += 1.5;
  if (/\bdkim=fail/.test(r)) points += 1.5;
  return Math.min(points, 4);
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0
    ? address
        .slice(at + 1)
        .replace(/[>\s].*$/, '')
        .toLowerCase()
    : '';
}

function isShouting(subject: string): boolean {
  const letters = subject.replace(/[^a-zA-Z]/g, '');
  if (letters.length < 10) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return upper / letters.length >= 0.8;
}

/** Spam and phishing signs push down; strong ones make the category spam. Shouting is not urgency. */
/** "Buy six gift cards and send me the codes": the payment a fraudster asks for. */
const GIFT_CARD_ASK =
  /\b(?:buy|purchase|get|pick up)\b[^.!?\n]{0,40}\bgift ?cards?\b|\bgift ?cards?\b[^.!?\n]{0,80}\b(?:the codes?|scratch|send (?:me )?(?:the )?(?:codes?|pictures?|photos?))\b/;

/** The local part of one of the user's VIPs on another domain: "elena.marsh.ceo@gmail". */
function impersonatesVip(f: MessageFacts, ctx: EngineContext): boolean {
  if (ctx.vipAddresses.has(f.fromEmail)) return false;
  for (const vip of ctx.vipAddresses) {
    const at = vip.lastIndexOf('@');
    const local = vip.slice(0, at);
    if (local.length >= 4 && f.fromLocal.includes(local) && vip.slice(at + 1) !== f.fromDomain) return true;
  }
  return false;
}

export function spamRule(f: MessageFacts, ctx: EngineContext, ev: Evidence): void {
  const h = f.headers;
  if (GIFT_CARD_ASK.test(f.lower)) addSpam(ev, 4, 'asks for gift cards, as fraud does');
  if (impersonatesVip(f, ctx)) {
    addSpam(ev, 3, "a VIP's name on another address");
    ev.suspicious = true;
    addReason(ev, 'look-alike', "suspicious: a VIP's name on another address", -1);
  }
  if (/^\s*yes/i.test(h['x-spam-flag'] ?? '') || /^\s*yes/i.test(h['x-spam-status'] ?? '')) {
    addSpam(ev, 5, 'flagged by a spam filter');
  }
  const auth = authFailures(h['authentication-results']);
  if (auth > 0) addSpam(ev, auth, 'sender authentication failed');
  if (auth >= 3) {
    // DMARC (or both SPF and DKIM) failing means the From line is not the sender's: a spoof.
    ev.suspicious = true;
    addReason(ev, 'spoofed-sender', 'suspicious: the sender failed authentication', 0);
  }

  const replyTo = domainOf(h['reply-to'] ?? '');
  const fromBase = baseDomain(f.fromDomain);
  const replyMismatch = replyTo !== '' && fromBase !== '' && baseDomain(replyTo) !== fromBase && !f.bulk;
  if (replyMismatch) addSpam(ev, 1.5, 'reply-to differs from sender');

  if (isShouting(f.subject)) addSpam(ev, 2, 'all-caps subject');
  const bangs = f.subject.split('!').length - 1;
  if (bangs >= 2) addSpam(ev, 1.5, 'exclamation marks');
  else if ((f.text.match(/!/g)?.length ?? 0) >= 12) addSpam(ev, 1, 'exclamation marks');
  if (/\burgent\b/.test(f.subjectLower) && !f.isReply) addSpam(ev, 0.5, 'shouts "urgent"');
  if (/^\s*\[?adv\b|\badv:/i.test(f.subject)) addSpam(ev, 3, 'marked as advertisement');
  if (JUNK_SUBJECT_TAIL.test(f.subject)) addSpam(ev, 1.5, 'junk tokens in subject');

  const seen = new Set<string>();
  for (const phrase of f.lower.match(scamAny()) ?? []) {
    const sign = SCAM_SIGN.get(phrase);
    if (sign && !seen.has(sign) && seen.size < 3) {
      seen.add(sign);
      addSpam(ev, 2, sign);
    }
  }
  if (!seen.has('money bait') && DOLLARS.test(f.lower)) addSpam(ev, 2, 'money bait');
  const pushy = new Set(f.lower.match(PUSHY) ?? []);
  // Lists legitimately say "unsubscribe" and "click here"; only a pile of it counts for them.
  const pushyPoints = f.bulk ? Math.max(0, pushy.size - 2) * 0.5 : Math.min(pushy.size, 4);
  if (pushyPoints > 0) addSpam(ev, pushyPoints, 'marketing pressure');

  const phishing = phish();
  phishing.lastIndex = 0;
  if (phishing.test(f.lower)) {
    const brand = BRANDS.exec(`${f.fromName.toLowerCase()} ${f.subjectLower}`)?.[1]?.replace(/\s/g, '');
    const brandMismatch =
      brand !== undefined && !f.fromDomain.replace(/[.-]/g, '').includes(brand.slice(0, 5));
    if (brandMismatch) addSpam(ev, 4, `claims to be ${brand} from another domain`);
    else if (replyMismatch || auth > 0 || FREEMAIL.test(f.fromDomain))
      addSpam(ev, 3, 'asks to verify an account');
    else addSpam(ev, 1, 'asks to verify an account');
  }
  const nameEmail = /[\w.+-]+@([\w-]+\.[\w.-]+)/.exec(f.fromName);
  if (nameEmail && baseDomain((nameEmail[1] ?? '').toLowerCase()) !== fromBase) {
    addSpam(ev, 2, 'sender name shows another address');
  }
  const toText = f.to
    .map((a) => `${a.name ?? ''} ${a.email ?? ''}`)
    .join(' ')
    .toLowerCase();
  if (f.to.length === 0 || /undisclosed|recipient list suppressed/.test(toText))
    addSpam(ev, 1, 'no visible recipient');
  if (/\d{3,}/.test(f.fromLocal) && /[a-z]/.test(f.fromLocal) && !f.bulk)
    addSpam(ev, 0.5, 'machine-made sender');

  if (ev.spam >= 2) {
    const top = [...ev.spamSigns]
      .sort((a, b) => b.points - a.points)
      .slice(0, 2)
      .map((s) => s.sign)
      .join(', ');
    addReason(ev, 'spam', `looks like spam: ${top}`, -Math.min(ev.spam, 8));
  }
  if (ev.spam >= 4) vote(ev, 'spam', 10);
}
