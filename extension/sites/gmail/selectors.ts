/**
 * Every Gmail selector Brody relies on, in one place. Google renames classes without notice, so each
 * entry lists its forms best first: the first form that matches wins, and a form that stops
 * matching shows up in the selector tests (and the options page health check) instead of silently.
 */
export interface SelectorSpec {
  readonly name: string;
  readonly forms: readonly string[];
}

function spec(name: string, ...forms: string[]): SelectorSpec {
  return { name, forms };
}

export const GMAIL = {
  /** The thread list container of the visible view. */
  threadList: spec('threadList', '[role=main] [gh=tl]', '[gh=tl]', 'div[role=main] table.F'),
  /** One thread row; in the vertical preview layout a thread spans several of these. */
  threadRow: spec('threadRow', 'tr.zA', '[role=main] [gh=tl] tr[role=row]', '[gh=tl] tr[role=row]'),
  threadIdHolder: spec('threadIdHolder', '[data-thread-id]', '[data-legacy-thread-id]'),
  sender: spec('sender', '.yW span[email][name]', 'span[email][name]', '.yW span[email]', '.zF', '.yP'),
  subject: spec('subject', '.y6 > span:not(.y2)', 'span.bog', '.xT .y6 span'),
  snippet: spec('snippet', 'span.y2', '.y2'),
  date: spec('date', 'td.xW span[title]', '.xW span[title]', '.apm span[title]', 'span[title][aria-label]'),
  starred: spec('starred', '.T-KT.T-KT-Jp', '[aria-label="Starred"]', 'span[title="Starred"]'),
  important: spec('important', '.pG[aria-label^="Important"]', '.pH:not(.pH-A7)'),
  labels: spec('labels', '.ar.as', '.at[title]'),
  messageCount: spec('messageCount', '.bx0', '.yW'),
  /** Where the badge goes: the subject cell's inner flex box, else the subject cell, else the sender cell. */
  badgeSlot: spec('badgeSlot', '.xT', 'td.a4W', 'td.yX'),
} as const satisfies Record<string, SelectorSpec>;

export type GmailSelectorName = keyof typeof GMAIL;

/**
 * An open conversation. Kept apart from GMAIL so the list-view health report (options page) does not
 * flag these as broken on pages where no thread is open.
 */
export const GMAIL_THREAD = {
  /** Holds the open thread's messages (since Nov 2023: `.a98.iY`); the summary card goes above it. */
  threadContainer: spec('threadContainer', '[role=main] .a98.iY', '[role=main] [role=list]'),
  threadSubject: spec('threadSubject', 'h2.hP', '[role=main] h2[data-thread-perm-id]'),
  threadMessage: spec('threadMessage', 'div.adn[data-message-id]', 'div[data-legacy-message-id]'),
  messageSender: spec('messageSender', 'span.gD[email]', 'td.gF span[email]'),
  messageRecipients: spec('messageRecipients', '.hb span[email]', '.g2[email]'),
  messageTime: spec('messageTime', 'span.g3[title]', '.g3[title]'),
  messageBody: spec('messageBody', 'div.ii.gt div.a3s', 'div.a3s'),
  /** A collapsed message shows only its snippet; an expanded one (`.h7`) shows its body. */
  messageSnippet: spec('messageSnippet', '.iA.g6', '.kv span.y2'),
} as const satisfies Record<string, SelectorSpec>;

/**
 * Which row Gmail's own keyboard cursor is on (the blue bar; `btb`) and which rows are checked
 * (`x7`). Kept apart from GMAIL: neither exists until the user moves or selects.
 */
export const GMAIL_ROW_STATE = {
  cursorRow: spec('cursorRow', 'tr.zA.btb', 'tr.zA[aria-selected="true"]'),
  checkedRow: spec('checkedRow', 'tr.zA.x7', 'tr.zA [role=checkbox][aria-checked="true"]'),
} as const satisfies Record<string, SelectorSpec>;

/** First element that the first matching form finds, searching `root` and below. */
export function queryFirst(root: ParentNode, selector: SelectorSpec): Element | null {
  for (const form of selector.forms) {
    const found = root.querySelector(form);
    if (found) return found;
  }
  return null;
}

/** All elements of the first form that matches anything (forms are alternatives, never unions). */
export function queryAll(root: ParentNode, selector: SelectorSpec): Element[] {
  for (const form of selector.forms) {
    const found = root.querySelectorAll(form);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

/** Which form of each selector currently matches, for a health report; `null` when none does. */
export function selectorHealth(root: ParentNode): Record<GmailSelectorName, string | null> {
  const report = {} as Record<GmailSelectorName, string | null>;
  for (const [name, selector] of Object.entries(GMAIL) as [GmailSelectorName, SelectorSpec][]) {
    report[name] = selector.forms.find((form) => root.querySelector(form) !== null) ?? null;
  }
  return report;
}
