/**
 * Which Gmail view is showing, from the URL hash alone (Gmail routes in the hash, so this is cheap
 * to re-run on every `hashchange`).
 */
export type GmailView =
  | { kind: 'list'; list: 'inbox' | 'label' | 'search' | 'folder'; name: string }
  | { kind: 'thread'; list: string; threadId: string }
  | { kind: 'compose' }
  | { kind: 'settings' }
  | { kind: 'other'; hash: string };

/** Example URLs per view kind, used by the detector tests and as documentation. */
export const GMAIL_VIEW_EXAMPLES: Record<GmailView['kind'], readonly string[]> = {
  list: [
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/0/',
    'https://mail.google.com/mail/u/1/#label/Work',
    'https://mail.google.com/mail/u/0/#label/Clients%2FAcme',
    'https://mail.google.com/mail/u/0/#search/from%3Aalice',
    'https://mail.google.com/mail/u/0/#sent',
    'https://mail.google.com/mail/u/0/#starred',
    'https://mail.google.com/mail/u/0/#category/promotions',
    'https://mail.google.com/mail/u/0/#inbox/p2',
  ],
  thread: [
    'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn',
    'https://mail.google.com/mail/u/0/#label/Work/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn',
    'https://mail.google.com/mail/u/0/#search/invoice/FMfcgzQbdrLvQwXkMBJZvNkxsHtPGwkn',
  ],
  compose: ['https://mail.google.com/mail/u/0/#inbox?compose=new'],
  settings: ['https://mail.google.com/mail/u/0/#settings/general'],
  other: ['https://mail.google.com/mail/u/0/#contacts', 'https://mail.google.com/mail/u/0/#chat/home'],
};

const FOLDERS = new Set([
  'inbox',
  'starred',
  'snoozed',
  'sent',
  'drafts',
  'imp',
  'all',
  'spam',
  'trash',
  'scheduled',
]);
/** Gmail thread ids in URLs are long base-62-ish tokens; page markers look like `p2`. */
const THREAD_TOKEN = /^[A-Za-z0-9_-]{16,}$/;

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function detectGmailView(href: string): GmailView {
  const hashIndex = href.indexOf('#');
  const hash = hashIndex >= 0 ? href.slice(hashIndex + 1) : 'inbox';
  if (/[?&]compose=/.test(hash)) return { kind: 'compose' };
  const path = (hash.split('?')[0] ?? '').replace(/\/+$/, '') || 'inbox';
  const parts = path.split('/');
  const head = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';

  if (head === 'settings') return { kind: 'settings' };
  if (head === 'label' || head === 'search' || head === 'category') {
    const threadId = parts.length > 2 && THREAD_TOKEN.test(last) ? last : undefined;
    const nameParts = threadId ? parts.slice(1, -1) : parts.slice(1);
    const name = decodeSafely(nameParts.join('/'));
    if (threadId) return { kind: 'thread', list: `${head}/${name}`, threadId };
    if (head === 'search') return { kind: 'list', list: 'search', name };
    return { kind: 'list', list: head === 'category' ? 'inbox' : 'label', name };
  }
  if (FOLDERS.has(head)) {
    if (parts.length > 1 && THREAD_TOKEN.test(last)) return { kind: 'thread', list: head, threadId: last };
    return { kind: 'list', list: head === 'inbox' ? 'inbox' : 'folder', name: head };
  }
  return { kind: 'other', hash };
}

export function isThreadListView(view: GmailView): boolean {
  return view.kind === 'list';
}
