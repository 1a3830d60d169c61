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
  return triageContentHashes([message], context, engineVersion).then((hashes) => hashes[0] as string);
}

/**
 * The hashes of a whole batch. Each is the SHA-256 of the canonical JSON of
 * `{ engineVersion, message, day, userEmails, vips, senderStats, learnedRules, priorities }`; the parts
 * every message shares (hundreds of VIPs, the priorities) are written once per batch and the learned
 * rules grouped by sender once, instead of once per message.
 */
export function triageContentHashes(
  messages: readonly MessageSummary[],
  context: TriageRequest['context'],
  engineVersion: string,
): Promise<string[]> {
  const day = JSON.stringify((context?.now ?? new Date().toISOString()).slice(0, 10));
  const version = JSON.stringify(engineVersion);
  const priorities = JSON.stringify(context?.priorities ?? '');
  const userEmails = canonicalJson(context?.userEmails ?? []);
  const vips = canonicalJson(context?.vips ?? []);
  const rulesBySender = new Map<string, NonNullable<typeof context>['rules']>();
  for (const rule of context?.rules ?? []) {
    const sender = rule.sender.toLowerCase();
    const list = rulesBySender.get(sender);
    if (list) list.push(rule);
    else rulesBySender.set(sender, [rule]);
  }
  const rulesJson = new Map<string, string>();
  return Promise.all(
    messages.map((message) => {
      const sender = message.from.email.toLowerCase();
      let rules = rulesJson.get(sender);
      if (rules === undefined) {
        // A new correction for this sender or new priorities must re-judge the mail, not serve the old verdict.
        rules = canonicalJson(rulesBySender.get(sender) ?? []);
        rulesJson.set(sender, rules);
      }
      const senderStats = canonicalJson(context?.senderStats?.[sender] ?? null);
      // Keys in sorted order, as canonicalJson writes them.
      return sha256Hex(
        `{"day":${day},"engineVersion":${version},"learnedRules":${rules},"message":${canonicalJson(message)},"priorities":${priorities},"senderStats":${senderStats},"userEmails":${userEmails},"vips":${vips}}`,
      );
    }),
  );
}
