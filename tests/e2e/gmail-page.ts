/**
 * Builds Gmail thread-list pages that follow today's markup (see GMAIL-CALENDAR-DOM.md): role=main,
 * [gh=tl], `tr.zA[role=row]` rows with data-thread-id / data-legacy-thread-id, sender
 * `span[email][name]`, subject `.y6 span.bog`, snippet `span.y2`, date `td.xW span[title]`.
 * All mail text is HTML-escaped: hostile subjects must arrive in the DOM as text.
 */
import { SAMPLE_MAILS, type SampleMail } from './gmail-mails';

export interface InboxPageOptions {
  theme?: 'light' | 'dark';
  layout?: 'default' | 'vertical';
  /** Reference time for the rows' dates; defaults to now. */
  now?: Date;
  /** First thread number; change it to get another page of distinct threads. */
  firstThread?: number;
  title?: string;
  /**
   * Gmail's display density (Settings → Density). Gmail marks it with no stable class (InboxSDK reads
   * it from the nav items' padding), only with row height and spacing, so the page varies those.
   */
  density?: Density;
}

export type Density = 'default' | 'comfortable' | 'compact';

/** Row height, cell padding and font size per density, as Gmail draws them. */
const DENSITY_STYLE: Record<Density, string> = {
  default: '',
  comfortable: 'tr.zA { height: 36px; } td.xY { padding: 0 4px; }',
  compact: 'tr.zA { height: 28px; } td.xY { padding: 0 2px; } body { font-size: 13px; line-height: 16px; }',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Gmail's numeric thread id and its hex "legacy" twin for thread number `n`. */
export function threadIds(n: number): { threadId: string; legacyId: string } {
  const numeric = 1789000000000000000n + BigInt(n);
  return { threadId: numeric.toString(), legacyId: numeric.toString(16) };
}

export function mailForRow(index: number): SampleMail {
  return SAMPLE_MAILS[index % SAMPLE_MAILS.length] as SampleMail;
}

function dateTitle(date: Date): string {
  return date.toLocaleString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

function dateShown(date: Date, now: Date): string {
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })
    : date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

interface RowParts {
  cls: string;
  star: string;
  important: string;
  sender: string;
  labels: string;
  subject: string;
  snippet: string;
  date: string;
}

/** When the row says the mail was sent: `minutesAgo` before `now`, but not before today for a `sentToday` mail. */
export function sentAt(mail: SampleMail, now: Date): Date {
  const sent = new Date(now.getTime() - mail.minutesAgo * 60_000);
  if (!mail.sentToday) return sent;
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return sent < midnight ? midnight : sent;
}

function rowParts(mail: SampleMail, thread: number, now: Date): RowParts {
  const { threadId, legacyId } = threadIds(thread);
  const date = sentAt(mail, now);
  const name = escapeHtml(mail.fromName);
  const email = escapeHtml(mail.fromEmail);
  const count = mail.count ? `<span class="bx0">${mail.count}</span>` : '';
  return {
    cls: `zA ${mail.unread ? 'zE' : 'yO'}`,
    star: mail.starred
      ? '<span class="aXw T-KT T-KT-Jp" title="Starred" aria-label="Starred" role="button"></span>'
      : '<span class="aXw T-KT" title="Not starred" aria-label="Not starred" role="button"></span>',
    important: mail.important
      ? '<div class="pG" aria-label="Important because you often read messages with these labels." role="switch"><div class="pH a9q"></div></div>'
      : '<div class="pG" aria-label="Not important" role="switch"><div class="pH-A7 a9q"></div></div>',
    sender: `<div class="yW"><span class="bA4"><span translate="no" class="${mail.unread ? 'zF' : 'yP'}" email="${email}" name="${name}" data-hovercard-id="${email}">${name}</span></span>${count}</div>`,
    labels: (mail.labels ?? [])
      .map(
        (label) =>
          `<div class="ar as"><div class="at" title="${escapeHtml(label)}"><div class="au"><div class="av">${escapeHtml(label)}</div></div></div></div>`,
      )
      .join(''),
    subject: `<div class="y6"><span class="bog"><span data-thread-id="#thread-f:${threadId}" data-legacy-thread-id="${legacyId}">${escapeHtml(mail.subject)}</span></span></div>`,
    snippet: `<span class="y2"><span class="Zt">&nbsp;-&nbsp;</span>${escapeHtml(mail.snippet)}</span>`,
    date: `<span title="${escapeHtml(dateTitle(date))}" aria-label="${escapeHtml(dateTitle(date))}"><span>${escapeHtml(dateShown(date, now))}</span></span>`,
  };
}

export function makeRowHtml(mail: SampleMail, thread: number, now = new Date()): string {
  const p = rowParts(mail, thread, now);
  return `<tr class="${p.cls}" role="row" tabindex="-1" draggable="true" id=":r${thread}">
<td class="PF xY"></td>
<td class="oZ-x3 xY aid" role="gridcell"><div class="oZ-jc T-Jo J-J5-Ji" role="checkbox" aria-checked="false" tabindex="-1"></div></td>
<td class="apU xY" role="gridcell">${p.star}</td>
<td class="WA xY" role="gridcell">${p.important}</td>
<td class="yX xY" role="gridcell">${p.sender}</td>
<td class="xY a4W" role="gridcell" tabindex="-1"><div class="a4X"><div class="xS" role="link"><div class="xT"><div class="yi">${p.labels}</div>${p.subject}${p.snippet}</div></div></div></td>
<td class="yf xY">&nbsp;</td>
<td class="xW xY" role="gridcell">${p.date}</td>
</tr>`;
}

/** Vertical preview-pane layout: three `tr.zA.apv` per thread (sender+date, subject, snippet). */
export function makeVerticalRowHtml(mail: SampleMail, thread: number, now = new Date()): string {
  const p = rowParts(mail, thread, now);
  return `<tr class="${p.cls} apv" role="row" tabindex="-1" id=":v${thread}">
<td rowspan="3" class="PF xY"></td>
<td rowspan="3" class="apo-x3 xY aid"><div class="apo-jc T-Jo J-J5-Ji" role="checkbox" aria-checked="false" tabindex="-1"></div></td>
<td class="yX xY apy">${p.sender}</td>
<td class="yf xY apt"><div class="apm">${p.date}</div></td>
<td rowspan="3" class="apU apC">${p.star}</td>
</tr>
<tr class="${p.cls} apv"><td colspan="2" tabindex="0" role="link" class="xY apD"><div class="apn apd">${p.important}</div><div class="xS"><div class="xT"><div class="yi">${p.labels}</div>${p.subject}</div></div></td></tr>
<tr class="${p.cls} apv apw"><td colspan="2" class="xY apA"><div class="apB">${p.snippet}</div></td></tr>`;
}

const STYLE = `
body { margin: 0; font: 14px/20px Roboto, Arial, sans-serif; background: var(--bg); color: var(--fg); }
.nH.w-asV { display: block; }
[role=main] { padding: 8px 16px; }
table.F { width: 100%; border-collapse: collapse; table-layout: fixed; }
tr.zA { height: 40px; border-bottom: 1px solid var(--line); cursor: pointer; }
tr.zA.yO { background: var(--read); }
tr.zA.apv { height: 24px; border-bottom: none; }
tr.zA.apw { border-bottom: 1px solid var(--line); }
td.xY { padding: 0 6px; white-space: nowrap; overflow: hidden; }
td.PF { width: 4px; } td.oZ-x3, td.apo-x3 { width: 24px; } td.apU, td.WA { width: 24px; }
td.yX { width: 180px; } td.xW, td.apt { width: 90px; text-align: right; font-size: 12px; }
td.yf { width: 8px; }
.zE .zF, .zE .bog, .zE td.xW { font-weight: 700; }
.bx0 { margin-left: 4px; color: var(--muted); font-size: 12px; }
.xT { display: flex; align-items: center; overflow: hidden; }
.y6 { flex: none; max-width: 55%; overflow: hidden; text-overflow: ellipsis; }
.y2 { color: var(--muted); overflow: hidden; text-overflow: ellipsis; }
.ar.as { display: inline-block; margin-right: 6px; padding: 0 4px; border-radius: 4px; background: var(--label); font-size: 12px; }
.T-KT::before { content: '☆'; color: var(--muted); } .T-KT-Jp::before { content: '★'; color: #f4b400; }
.oZ-jc, .apo-jc { width: 14px; height: 14px; border: 2px solid var(--muted); border-radius: 2px; }
`;

const THEMES = {
  light: '--bg:#f6f8fc;--fg:#202124;--muted:#5f6368;--line:#eceff1;--read:#f2f6fc;--label:#ddd',
  dark: '--bg:#202124;--fg:#e8eaed;--muted:#9aa0a6;--line:#3c4043;--read:#2a2b2e;--label:#5f6368',
} as const;

/** A whole Gmail page with `rowCount` threads. */
export function makeInboxHtml(rowCount: number, options: InboxPageOptions = {}): string {
  const now = options.now ?? new Date();
  const first = options.firstThread ?? 1;
  const makeRow = options.layout === 'vertical' ? makeVerticalRowHtml : makeRowHtml;
  const rows = Array.from({ length: rowCount }, (_, index) =>
    makeRow(mailForRow(index), first + index, now),
  ).join('\n');
  const theme = THEMES[options.theme ?? 'light'];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(options.title ?? 'Inbox (7) - priya.raman@example.com - Gmail')}</title>
<style>:root{${theme}}${STYLE}${DENSITY_STYLE[options.density ?? 'default']}</style></head>
<body>
<div class="nH w-asV aiw"><div class="nH"><div class="aeF"><div class="nH">
<div class="BltHke nH oy8Mbf" role="main">
<div class="aDP"><div class="ae4 UI" gh="tl"><div class="Cp">
<table cellpadding="0" class="F cf zt" role="grid" aria-readonly="true"><tbody>
${rows}
</tbody></table>
</div></div></div>
</div>
</div></div></div></div>
</body></html>`;
}
