import type { MessageSummary, TriageRequest } from '../../../shared/schemas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    // undefined and functions vanish from JSON objects; keep that behaviour explicit.
    return (value === undefined ? null : value) as Json;
  }
  if (Array.isArray(value)) return value.map(sortKeys);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Hashes everything that can change one message's triage: the message itself and the parts of the
 * context that concern it (the sender's learned rules, the user's priorities). `now` enters only as
 * its calendar day, so "due today" is re-judged daily while a client that sends the current time with
 * every call still gets cache hits.
 */
export function triageContentHash(
  message: MessageSummary,
  context: TriageRequest['context'],
  engineVersion: string,
): Promise<string> {
  const sender = message.from.email.toLowerCase();
  const senderStats = context?.senderStats?.[sender];
  return sha256Hex(
    canonicalJson({
      engineVersion,
      message,
      day: (context?.now ?? new Date().toISOString()).slice(0, 10),
      userEmails: context?.userEmails ?? [],
      vips: context?.vips ?? [],
      senderStats: senderStats ?? null,
      // A new correction for this sender or new priorities must re-judge the mail, not serve the old verdict.
      learnedRules: (context?.rules ?? []).filter((rule) => rule.sender.toLowerCase() === sender),
      priorities: context?.priorities ?? '',
    }),
  );
}
