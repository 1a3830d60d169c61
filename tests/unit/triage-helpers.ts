import type { MessageSummaryInput, TriageContextInput } from '../../shared/schemas';

/** Friday 2026-11-20, 09:00 in California: every rule test runs against this clock. */
export const NOW = '2026-11-20T09:00:00-08:00';
export const ME = { name: 'Sam Rivera', email: 'sam.rivera@northwind.example' };
export const CTX: TriageContextInput = { now: NOW, userEmails: [ME.email] };

let counter = 0;

/** A mail from a colleague straight to the user; tests override what they exercise. */
export function mail(over: Partial<MessageSummaryInput>): MessageSummaryInput {
  counter++;
  return {
    id: `m${counter}`,
    from: { name: 'Dana Whitfield', email: 'dana.whitfield@northwind.example' },
    to: [ME],
    subject: 'Hello',
    snippet: '',
    body: 'Hi Sam, hope the week went well.',
    date: '2026-11-20T16:30:00.000Z',
    ...over,
  };
}
