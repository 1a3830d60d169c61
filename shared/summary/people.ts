import type { Address } from '../schemas';

export interface ThreadPeople {
  /** Lower-cased addresses of the user. */
  userEmails: Set<string>;
  /** Lower-cased first names the thread shows for the user's addresses ("Sam" for sam.park@…). */
  userNames?: Set<string>;
}

export function isUser(address: Address, people: ThreadPeople): boolean {
  return people.userEmails.has(address.email.trim().toLowerCase());
}

/** A first name that is the user's: from the thread's own headers or the user's addresses. */
export function isUserName(name: string, people: ThreadPeople): boolean {
  const lower = name.toLowerCase();
  if (people.userNames?.has(lower)) return true;
  return [...people.userEmails].some((email) => email.split(/[@._+-]/)[0] === lower);
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
