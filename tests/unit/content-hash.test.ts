import { describe, expect, it } from 'vitest';
import type { MessageSummary, TriageRequest } from '../../shared/schemas';
import { canonicalJson, triageContentHash, triageContentHashes } from '../../worker/src/triage/content-hash';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The hash as stored rows were keyed: the canonical JSON of one object per message. */
function reference(message: MessageSummary, context: TriageRequest['context'], engineVersion: string) {
  const sender = message.from.email.toLowerCase();
  return sha256Hex(
    canonicalJson({
      engineVersion,
      message,
      day: (context?.now ?? '').slice(0, 10),
      userEmails: context?.userEmails ?? [],
      vips: context?.vips ?? [],
      senderStats: context?.senderStats?.[sender] ?? null,
      learnedRules: (context?.rules ?? []).filter((rule) => rule.sender.toLowerCase() === sender),
      priorities: context?.priorities ?? '',
    }),
  );
}

function message(id: string, email: string, body: string): MessageSummary {
  return {
    id,
    from: { name: 'Dana', email },
    to: [],
    cc: [],
    subject: `Subject ${id}`,
    snippet: '',
    body,
    labels: [],
    headers: { precedence: 'bulk' },
    attachments: 0,
  };
}

const rule = (id: string, sender: string) => ({
  id,
  scope: 'sender' as const,
  sender,
  topic: [],
  urgency: 'high' as const,
  createdAt: '2026-01-01T00:00:00Z',
  confirmedAt: '2026-01-02T00:00:00Z',
  example: '',
});

describe('triage content hashes for a batch', () => {
  const context: TriageRequest['context'] = {
    now: '2026-03-10T09:00:00Z',
    userEmails: ['me@example.com'],
    vips: ['boss@example.com', '@partner.example'],
    senderStats: { 'dana@example.com': { received: 12, replied: 3 } },
    rules: [rule('r1', 'Dana@Example.com'), rule('r2', 'other@example.com'), rule('r3', 'dana@example.com')],
    priorities: 'Series B',
  };
  const batch = [
    message('a', 'dana@example.com', 'Hello'),
    message('b', 'DANA@example.com', 'Hello again 😀'),
    message('c', 'nobody@example.com', ''),
  ];

  it('equal the hash of each message on its own, as stored rows were keyed', async () => {
    const hashes = await triageContentHashes(batch, context, 'rules-3');
    const expected = await Promise.all(batch.map((m) => reference(m, context, 'rules-3')));
    expect(hashes).toEqual(expected);
    expect(await triageContentHash(batch[1] as MessageSummary, context, 'rules-3')).toBe(expected[1]);
  });

  it('change when a learned rule for the sender, the priorities or the day change, not for another sender', async () => {
    const [before] = await triageContentHashes(batch, context, 'rules-3');
    const withRule = { ...context, rules: [...(context?.rules ?? []), rule('r4', 'dana@example.com')] };
    const otherRule = { ...context, rules: [...(context?.rules ?? []), rule('r5', 'else@example.com')] };
    expect((await triageContentHashes(batch, withRule, 'rules-3'))[0]).not.toBe(before);
    expect((await triageContentHashes(batch, otherRule, 'rules-3'))[0]).toBe(before);
    expect((await triageContentHashes(batch, { ...context, priorities: 'Hiring' }, 'rules-3'))[0]).not.toBe(
      before,
    );
    expect(
      (await triageContentHashes(batch, { ...context, now: '2026-03-11T09:00:00Z' }, 'rules-3'))[0],
    ).not.toBe(before);
    expect(
      (await triageContentHashes(batch, { ...context, now: '2026-03-10T23:00:00Z' }, 'rules-3'))[0],
    ).toBe(before);
  });
});
