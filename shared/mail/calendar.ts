/**
 * The few iCalendar (RFC 5545) fields a reader sees on an invite card. Someone else wrote them, so
 * they are read as data: shown as text, checked for instructions, never obeyed.
 */

export interface InviteText {
  summary: string;
  description: string;
  location: string;
}

const MAX_FIELD = 2_000;

/** Continuation lines start with a space or tab and are joined to the line before. */
function unfold(source: string): string {
  return source.replace(/\r?\n[ \t]/g, '');
}

function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** First VEVENT's SUMMARY, DESCRIPTION and LOCATION; empty strings when the source has none. */
export function readInvite(source: string): InviteText {
  const fields: InviteText = { summary: '', description: '', location: '' };
  if (!source) return fields;
  for (const line of unfold(source).split(/\r?\n/)) {
    const match = /^(SUMMARY|DESCRIPTION|LOCATION)(?:;[^:]*)?:(.*)$/i.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const key = match[1].toLowerCase() as keyof InviteText;
    if (fields[key] === '') fields[key] = unescapeText(match[2]).slice(0, MAX_FIELD).trim();
    if (/^END:VEVENT/i.test(line)) break;
  }
  return fields;
}
