import { LIMITS } from '../limits';
import type { MessageSummaryInput } from '../schemas';
import { cutText } from '../text/cut';
import type { EngineContext } from './context';

type AddressInput = NonNullable<MessageSummaryInput['to']>[number];
/** What a row shows: the snippet, or the start of the body when there is none. */
const SNIPPET_CHARS = 300;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a lone zero-width joiner is exactly what is removed
const ZERO_WIDTH = /[\u200b\u200d\u2060\ufeff]/;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: as above
const ZERO_WIDTH_ALL = /[\u200b\u200d\u2060\ufeff]/g;

/** How far into a body the rules read: deadlines and requests sit near the top of a mail. */
const HEAD_CHARS = 2_000;
/**
 * The hidden-character and injection scans read the opening of the body and its end (footers are
 * where injected text likes to sit), as much in all as the API hands to triage: a 100,000-character
 * mail costs what a 16,000-character one does, and the command line judges it as the API would.
 */
const SCAN_CHARS = LIMITS.triageBodyChars;
const SCAN_TAIL_CHARS = 4_000;

const AUTOMATED_LOCAL =
  /^(?:no-?reply|do-?not-?reply|donotreply|notifications?|notify|alerts?|mailer-daemon|postmaster|bounces?|updates?|news(?:letter)?|marketing|automated|system|daemon|[a-z-]*-daemon|calendar-notification|info|hello|team|support|billing|receipts?|orders?|shipping|account|accounts|security|service)(?:[+._-].*)?$/;

export interface MessageFacts {
  subject: string;
  subjectLower: string;
  /** Subject, snippet and the unquoted head of the body, lower-cased: what most rules read. */
  lower: string;
  /** The snippet (or the body's start), lower-cased: with the subject, all a Gmail row shows. */
  snippetLower: string;
  /** Same text with original case, for ALL-CAPS and name checks. */
  text: string;
  /** Body for the hidden-text and injection scans (see scannedBody); quoted history included. */
  fullBody: string;
  fromEmail: string;
  fromName: string;
  fromLocal: string;
  fromDomain: string;
  headers: Record<string, string>;
  to: AddressInput[];
  cc: AddressInput[];
  /** True/false when ctx.userEmails says; undefined when the user's address is unknown. */
  toUser: boolean | undefined;
  ccUser: boolean;
  bulk: boolean;
  /** No list headers (a Gmail row shows none), but the text carries a bulk mailer's footer. */
  bulkFooter: boolean;
  automated: boolean;
  important: boolean;
  starred: boolean;
  unread: boolean;
  isReply: boolean;
  dateMs: number | undefined;
  /** The writer's offset from the Date header (minutes east of UTC), when it states one. */
  dateTz: number | undefined;
  attachments: number;
  /** The HTML hid text worth flagging (see MessageSummary.hiddenText). */
  hiddenText: boolean;
  calendarInvite: boolean;
}

/** What bulk mailers put in every mail and people do not write to each other. */
const BULK_FOOTER =
  /\b(?:unsubscribe|view (?:this (?:email|message|newsletter) )?(?:online|in (?:your |a )?browser)|manage (?:your )?(?:email )?(?:preferences|subscriptions?)|email preferences|upgrade to paid|read in (?:the )?app|you(?:'re| are) receiving this)\b/;
const FOOTER_TAIL_CHARS = 600;
/** A calendar's invitation footer says "you are receiving this" too; the invitation is still a person's. */
const CALENDAR_FOOTER =
  /\b(?:invitation from (?:google calendar|outlook)|you are receiving this (?:courtesy )?email (?:at the account|because you are an? (?:attendee|guest|invitee))|forwarding this invitation could allow)/;

/** The part of a body the scans read: all of it when short, else its opening and its end. */
export function scannedBody(body: string): string {
  if (body.length <= SCAN_CHARS) return body;
  const head = cutText(body, SCAN_CHARS - SCAN_TAIL_CHARS);
  let tailStart = body.length - SCAN_TAIL_CHARS;
  // Never start inside a surrogate pair.
  const first = body.charCodeAt(tailStart);
  if (first >= 0xdc00 && first <= 0xdfff) tailStart += 1;
  // A line break between the two, so no phrase is made up across the gap.
  return `${head}\n${body.slice(tailStart)}`;
}

/** Cuts quoted history ("> ", "On … wrote:", forwarded headers): old text is not this mail's ask. */
function unquotedHead(body: string): string {
  const head = body.length > HEAD_CHARS * 2 ? body.slice(0, HEAD_CHARS * 2) : body;
  const cut = /^(?:>|On .{0,120}wrote:|-{2,} ?(?:Original|Forwarded) Message|From: .+<)/m.exec(head);
  const kept = cut ? head.slice(0, cut.index) : head;
  return kept.length > HEAD_CHARS ? kept.slice(0, HEAD_CHARS) : kept;
}

/** "…-05:00" → -300; "Z", as any ISO string made by toISOString, says nothing about the writer. */
function statedOffset(iso: string): number | undefined {
  const m = /T[\d:.]+([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Registrable-ish domain: the last two labels (three for co.uk-style suffixes). */
export function baseDomain(domain: string): string {
  const labels = domain.split('.');
  const n = labels.length;
  const takeThree =
    n >= 3 &&
    /^(?:co|com|org|net|ac|gov|edu)$/.test(labels[n - 2] ?? '') &&
    (labels[n - 1] ?? '').length === 2;
  return labels.slice(takeThree ? -3 : -2).join('.');
}

export function buildFacts(msg: MessageSummaryInput, ctx: EngineContext): MessageFacts {
  const subject = msg.subject ?? '';
  const body = msg.body ?? '';
  const snippet = msg.snippet ?? '';
  const head = unquotedHead(body);
  // Gmail snippets repeat the body start; skip the snippet when the body already holds it.
  const joined = `${subject}\n${body?.startsWith(snippet.slice(0, 40)) ? '' : snippet}\n${head}`;
  // "pay\u200Bpal" must read as "paypal" to the phrase rules; the suspicious rule sees the original.
  const text = ZERO_WIDTH.test(joined) ? joined.replace(ZERO_WIDTH_ALL, '') : joined;
  const headers = msg.headers ?? {};
  const fromEmail = (msg.from?.email ?? '').toLowerCase();
  const at = fromEmail.lastIndexOf('@');
  const fromLocal = at >= 0 ? fromEmail.slice(0, at) : fromEmail;
  const fromDomain = at >= 0 ? fromEmail.slice(at + 1) : '';
  const to = msg.to ?? [];
  const cc = msg.cc ?? [];
  let toUser: boolean | undefined;
  let ccUser = false;
  // A Gmail list row names no recipients at all: whether it was sent to the user is then unknown,
  // not "no". Only listed recipients can say the user was left out.
  if (ctx.userEmails.size > 0 && to.length + cc.length > 0) {
    toUser = to.some((a) => ctx.userEmails.has((a.email ?? '').toLowerCase()));
    ccUser = !toUser && cc.some((a) => ctx.userEmails.has((a.email ?? '').toLowerCase()));
  }
  const precedence = (headers.precedence ?? '').toLowerCase();
  const bulk =
    headers['list-unsubscribe'] !== undefined ||
    headers['list-id'] !== undefined ||
    /bulk|list|junk/.test(precedence);
  const autoSubmitted = (headers['auto-submitted'] ?? 'no').toLowerCase();
  const automated =
    AUTOMATED_LOCAL.test(fromLocal) ||
    (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) ||
    headers['x-autoreply'] !== undefined ||
    headers['x-autorespond'] !== undefined;
  const dateMs = msg.date ? Date.parse(msg.date) : Number.NaN;
  const lower = text.toLowerCase();
  return {
    subject,
    subjectLower: subject.toLowerCase(),
    lower,
    snippetLower: (snippet || body.slice(0, SNIPPET_CHARS)).toLowerCase(),
    text,
    // A Gmail row has no body, only its snippet: that is then all the mail there is to check.
    fullBody: body ? scannedBody(body) : snippet,
    fromEmail,
    fromName: msg.from?.name ?? '',
    fromLocal,
    fromDomain,
    headers,
    to,
    cc,
    toUser,
    ccUser,
    bulk,
    // Automated senders (notifications@, no-reply@) are the sender-kind rule's to judge.
    bulkFooter:
      !bulk &&
      !automated &&
      msg.calendarInvite !== true &&
      (BULK_FOOTER.test(lower) ||
        (body.length > HEAD_CHARS && BULK_FOOTER.test(body.slice(-FOOTER_TAIL_CHARS).toLowerCase()))) &&
      !CALENDAR_FOOTER.test(lower),
    automated,
    important: msg.important === true,
    starred: msg.starred === true,
    unread: msg.unread === true,
    isReply: headers['in-reply-to'] !== undefined || /^(?:re|aw|sv|antw):/i.test(subject),
    dateMs: Number.isFinite(dateMs) ? dateMs : undefined,
    dateTz: msg.date ? statedOffset(msg.date) : undefined,
    attachments: msg.attachments ?? 0,
    hiddenText: msg.hiddenText === true,
    calendarInvite: msg.calendarInvite === true,
  };
}

/** A person wrote this (not a list, not a robot). */
export function isHuman(f: MessageFacts): boolean {
  return !f.bulk && !f.bulkFooter && !f.automated && f.fromEmail.includes('@');
}
