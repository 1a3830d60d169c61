import type { Address } from '../schemas';

export interface ThreadPeople {
  /** Lower-cased addresses of the user. */
  userEmails: Set<string>;
}

export function isUser(address: Address, people: ThreadPeople): boolean {
  return people.userEmails.has(address.email.trim().toLowerCase());
}

/** "Ann Lee" → "Ann Lee"; "" + "ann.lee@x" → "ann.lee"; the user → "You". */
export function displayName(address: Address, people: ThreadPeople): string {
  if (isUser(address, people)) return 'You';
  const name = address.name.replace(/\s+/g, ' ').trim();
  if (name) return name;
  return address.email.split('@')[0] || 'Someone';
}

export function firstName(address: Address): string {
  const name = address.name.trim().split(/\s+/)[0] ?? '';
  return name || (address.email.split('@')[0]?.split(/[._+-]/)[0] ?? '');
}
