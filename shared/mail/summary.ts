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
    body: p.text,
    date: p.date,
    labels: [],
    headers: p.headers,
    attachments: p.attachments,
  };
}
