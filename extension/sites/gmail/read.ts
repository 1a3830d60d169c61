/**
 * Gmail thread-list DOM → MessageSummaryInput. Reads text with textContent only: subjects and
 * snippets are untrusted and must never be parsed as HTML.
 */
import { LIMITS } from '../../../shared/limits';
import type { MessageSummaryInput } from '../../../shared/schemas';
import { textHash } from '../../platform/text-hash';
import { GMAIL, GMAIL_ROW_STATE, queryAll, queryFirst, type SelectorSpec } from './selectors';

/**
 * One thread as it appears in the list: usually one `tr`, but three in the vertical preview layout,
 * where the first row carries the sender and the following `apv` rows carry subject and snippet.
 */
export interface ThreadRowGroup {
  /** The row that carries the sender; decorations and `data-brody-urgency` go here. */
  readonly row: HTMLElement;
  readonly parts: readonly HTMLElement[];
}

/** A row of the vertical preview-pane layout, where one thread spans several rows. */
export function isVerticalRow(row: Element): boolean {
  return row.classList.contains('apv');
}

function hasSender(row: Element): boolean {
  return GMAIL.sender.forms.some((form) => row.querySelector(form) !== null);
}

/** Groups the list's rows into threads; rows that belong to no thread are skipped. */
export function findThreadRowGroups(root: ParentNode): ThreadRowGroup[] {
  const groups: ThreadRowGroup[] = [];
  let current: { row: HTMLElement; parts: HTMLElement[] } | null = null;
  for (const element of queryAll(root, GMAIL.threadRow)) {
    if (!(element instanceof HTMLElement)) continue;
    const continuation = isVerticalRow(element) && !hasSender(element);
    if (continuation && current && isVerticalRow(current.row)) {
      current.parts.push(element);
      continue;
    }
    current = { row: element, parts: [element] };
    groups.push(current);
  }
  return groups;
}

/** The group whose primary row is `row`, when `row` starts a thread (continuation rows return null). */
export function groupForRow(row: HTMLElement): ThreadRowGroup | null {
  if (isVerticalRow(row) && !hasSender(row)) return null;
  const parts: HTMLElement[] = [row];
  if (isVerticalRow(row)) {
    let next = row.nextElementSibling;
    while (next instanceof HTMLElement && isVerticalRow(next) && !hasSender(next)) {
      parts.push(next);
      next = next.nextElementSibling;
    }
  }
  return { row, parts };
}

function queryInGroup(group: ThreadRowGroup, selector: SelectorSpec): Element | null {
  for (const form of selector.forms) {
    for (const part of group.parts) {
      const found = part.querySelector(form);
      if (found) return found;
    }
  }
  return null;
}

function queryAllInGroup(group: ThreadRowGroup, selector: SelectorSpec): Element[] {
  for (const form of selector.forms) {
    const found = group.parts.flatMap((part) => Array.from(part.querySelectorAll(form)));
    if (found.length > 0) return found;
  }
  return [];
}

/** textContent with Gmail's no-break spaces normalised and runs of whitespace collapsed. */
export function cleanText(text: string | null | undefined, max: number): string {
  return (text ?? '')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

export function stripThreadPrefix(raw: string): string {
  return raw.replace(/^#?thread-[a-z]:/i, '');
}

/** Gmail's `title` dates ("Thu, Dec 4, 2014 at 2:02 PM") → ISO 8601, or undefined. */
export function parseGmailDate(title: string | null | undefined): string | undefined {
  if (!title) return undefined;
  const normalised = title
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+at\s+/i, ' ')
    .trim();
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export interface RowIdentity {
  /** Gmail's thread id (decimal, without `#thread-f:`), or a derived `k:` key on old markup. */
  readonly id: string;
  readonly legacyThreadId?: string;
}

export function readRowIdentity(group: ThreadRowGroup): RowIdentity {
  const holder = queryInGroup(group, GMAIL.threadIdHolder);
  const threadId = holder?.getAttribute('data-thread-id');
  const legacy = holder?.getAttribute('data-legacy-thread-id') ?? undefined;
  if (threadId) return { id: stripThreadPrefix(threadId).slice(0, LIMITS.idChars), legacyThreadId: legacy };
  if (legacy) return { id: legacy.slice(0, LIMITS.idChars), legacyThreadId: legacy };
  const sender = queryInGroup(group, GMAIL.sender);
  const parts = [
    sender?.getAttribute('email') ?? sender?.textContent ?? '',
    queryInGroup(group, GMAIL.subject)?.textContent ?? '',
    queryInGroup(group, GMAIL.date)?.getAttribute('title') ?? '',
  ];
  return { id: `k:${textHash(parts.map((part) => cleanText(part, 400)).join('\u0000'))}` };
}

function readMessageCount(group: ThreadRowGroup): number | undefined {
  const holder = queryInGroup(group, GMAIL.messageCount);
  const match = /\((\d+)\)|^(\d+)$/.exec(cleanText(holder?.textContent, 200));
  const count = Number(match?.[1] ?? match?.[2]);
  return Number.isInteger(count) && count >= 1 ? count : undefined;
}

/** The row's subject alone, for controls that name it; null when the row shows neither sender nor subject. */
export function readRowSubject(group: ThreadRowGroup): string | null {
  const subjectElement = queryInGroup(group, GMAIL.subject);
  if (!subjectElement && !queryInGroup(group, GMAIL.sender)) return null;
  return cleanText(subjectElement?.textContent, LIMITS.subjectChars);
}

/** Reads one thread row; returns null (skips cleanly) when the row shows neither sender nor subject. */
export function readThreadRow(group: ThreadRowGroup): MessageSummaryInput | null {
  const senderElement = queryInGroup(group, GMAIL.sender);
  const subjectElement = queryInGroup(group, GMAIL.subject);
  if (!senderElement && !subjectElement) return null;
  const identity = readRowIdentity(group);
  const email = cleanText(senderElement?.getAttribute('email'), LIMITS.emailChars);
  const name = cleanText(
    senderElement?.getAttribute('name') || senderElement?.textContent || '',
    LIMITS.nameChars,
  );
  const snippet = cleanText(queryInGroup(group, GMAIL.snippet)?.textContent, LIMITS.snippetChars + 10)
    .replace(/^-\s*/, '')
    .slice(0, LIMITS.snippetChars);
  const labels = queryAllInGroup(group, GMAIL.labels)
    .map((label) => cleanText(label.getAttribute('title') || label.textContent, 200))
    .filter((label) => label.length > 0)
    .slice(0, 50);
  return {
    id: identity.id,
    threadId: identity.legacyThreadId ?? identity.id,
    from: { name, email },
    subject: cleanText(subjectElement?.textContent, LIMITS.subjectChars),
    snippet,
    date: parseGmailDate(queryInGroup(group, GMAIL.date)?.getAttribute('title')),
    unread: group.row.classList.contains('zE'),
    starred: queryInGroup(group, GMAIL.starred) !== null,
    important: queryInGroup(group, GMAIL.important) !== null,
    labels,
    messageCount: readMessageCount(group),
  };
}

/**
 * The row a key press means when focus is on no Brody control: the row Gmail's own keyboard cursor
 * is on (Gmail's shortcuts act on it too), else the focused row, else the row under the mouse, else
 * the one row whose checkbox is ticked.
 */
export function currentThreadRow(doc: Document = document): HTMLElement | null {
  const cursor = queryFirst(doc, GMAIL_ROW_STATE.cursorRow);
  if (cursor instanceof HTMLElement) return cursor;
  const rowSelector = GMAIL.threadRow.forms.join(', ');
  const focused = doc.activeElement?.closest<HTMLElement>(rowSelector);
  if (focused) return focused;
  for (const form of GMAIL.threadRow.forms) {
    const hovered = doc.querySelector<HTMLElement>(`${form}:hover`);
    if (hovered) return hovered;
  }
  const ticked = queryAll(doc, GMAIL_ROW_STATE.selectedRow);
  return ticked.length === 1 && ticked[0] instanceof HTMLElement ? ticked[0] : null;
}
