import type { MessageSummaryInput } from '../../shared/schemas';

/** Reference time for every test request, so deadlines read the same on every run. */
export const NOW = '2026-03-10T09:00:00Z';

/** Who the user is and when it is: without the user's address the engine cannot tell mail to them. */
export const CONTEXT = { now: NOW, userEmails: ['me@acme.example'] };

/** A direct, unread request with a same-day deadline from a VIP: the rule engine rates it high. */
export function urgentMessage(id: string): MessageSummaryInput {
  return {
    id,
    from: { name: 'Dana Chief', email: 'ceo@acme.example' },
    to: [{ name: 'Me', email: 'me@acme.example' }],
    subject: 'URGENT: please sign the contract by 5pm today',
    snippet: 'Can you sign and return the contract by 5pm today? Legal needs it before the close.',
    date: NOW,
    unread: true,
    important: true,
  };
}

/** Bulk mail with unsubscribe headers: the rule engine rates it low. */
export function newsletterMessage(id: string): MessageSummaryInput {
  return {
    id,
    from: { name: 'Weekly Digest', email: 'news@digest.example' },
    to: [{ name: 'Me', email: 'me@acme.example' }],
    subject: 'This week in gardening',
    snippet: 'Ten tips for spring planting. Unsubscribe any time.',
    date: NOW,
    headers: {
      'list-unsubscribe': '<mailto:unsubscribe@digest.example>',
      'list-id': 'Digest <weekly.digest.example>',
      precedence: 'bulk',
    },
  };
}
