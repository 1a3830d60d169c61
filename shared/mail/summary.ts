import { LIMITS, type MessageSummary } from '../schemas';
import type { ParsedMessage } from './parse-message';

const SNIPPET_CHARS = 200;

/** FNV-1a: a stable, dependency-free key for messages that lack a Message-ID. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function snippetOf(text: string): string {
  const flat = text
    .slice(0, SNIPPET_CHARS * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat;
}

/**
 * Hidden text worth flagging. A short hidden preheader is how most newsletters set their inbox
 * preview, so hiding alone says little; hiding instructions to an AI, or hiding more than the mail
 * shows, is the trick from the injection reports.
 */
export const LARGE_HIDDEN_CHARS = 1_000;

function hidesNotably(p: ParsedMessage): boolean {
  return p.hiddenInjection || (p.hiddenChars >= LARGE_HIDDEN_CHARS && p.hiddenChars > p.text.length);
}

/**
 * What the reader also sees outside the body: the invite card and the attachment names. Both are
 * written by the sender, so they go where the injection and phishing checks read.
 */
function shownBesideBody(p: ParsedMessage): string {
  const lines: string[] = [];
  const invite = p.invite;
  if (invite) {
    const parts = [invite.summary, invite.location, invite.description].filter(
      (part) => part !== '' && !p.text.includes(part.slice(0, 200)),
    );
    if (parts.length > 0) lines.push(`Invitation: ${parts.join('\n')}`);
  }
  if (p.attachmentNames.length > 0) lines.push(`Attachments: ${p.attachmentNames.join(', ')}`);
  return lines.join('\n');
}

function withinBody(text: string, extra: string): string {
  if (!extra) return text;
  const room = LIMITS.bodyChars - extra.length - 2;
  const kept = text.length > room ? text.slice(0, Math.max(0, room)) : text;
  return `${kept}\n\n${extra}`.slice(0, LIMITS.bodyChars);
}

/** The MessageSummary triage reads; the id is the Message-ID or a key derived from sender, subject, date. */
export function toSummary(p: ParsedMessage): MessageSummary {
  const derived = `msg-${fnv1a(`${p.from.email}\n${p.subject}\n${p.date ?? ''}\n${p.text.slice(0, 500)}`)}`;
  return {
    id: (p.messageId ?? derived).slice(0, LIMITS.idChars),
    from: p.from,
    to: p.to.slice(0, 100),
    cc: p.cc.slice(0, 100),
    subject: p.subject,
    snippet: snippetOf(p.text),
    body: withinBody(p.text, shownBesideBody(p)),
    date: p.date,
    labels: [],
    headers: p.headers,
    attachments: p.attachments,
    hiddenText: hidesNotably(p) || undefined,
    calendarInvite: p.calendar || undefined,
  };
}
