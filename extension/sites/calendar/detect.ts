/**
 * Which Calendar view is showing: the grid (day, week, month…), the full event page, or a single
 * event opened by link. The URL decides first; `body[data-viewfamily]` settles pages whose path
 * Calendar did not change (it rewrites the DOM before the URL on some transitions).
 */
export type CalendarView =
  | { kind: 'grid'; range: string; date?: string }
  | { kind: 'event'; eid: string }
  | { kind: 'edit'; eid?: string }
  | { kind: 'other'; path: string };

export const CALENDAR_VIEW_EXAMPLES: Record<CalendarView['kind'], readonly string[]> = {
  grid: [
    'https://calendar.google.com/calendar/u/0/r',
    'https://calendar.google.com/calendar/r/week',
    'https://calendar.google.com/calendar/u/0/r/day',
    'https://calendar.google.com/calendar/u/1/r/week/2026/12/3',
    'https://calendar.google.com/calendar/u/0/r/month',
    'https://calendar.google.com/calendar/u/0/r/customday',
    'https://calendar.google.com/calendar/u/0/r/agenda',
  ],
  event: [
    'https://calendar.google.com/calendar/event?eid=YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
    'https://calendar.google.com/calendar/u/0/event?eid=YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t&ctz=Europe/Paris',
  ],
  edit: [
    'https://calendar.google.com/calendar/u/0/r/eventedit/YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
    'https://calendar.google.com/calendar/r/eventedit',
    'https://calendar.google.com/calendar/u/0/r/eventedit/duplicate/YWJjMTIzIGFsaWNlQGV4YW1wbGUuY29t',
  ],
  other: [
    'https://calendar.google.com/calendar/u/0/r/settings',
    'https://calendar.google.com/calendar/u/0/r/search',
  ],
};

const GRID_RANGES = new Set(['day', 'week', 'month', 'year', 'customday', 'customweek', 'agenda', '']);
const EID = /^[A-Za-z0-9_-]{8,}$/;

export function detectCalendarView(href: string, viewFamily?: string | null): CalendarView {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { kind: 'other', path: '' };
  }
  const parts = url.pathname.split('/').filter(Boolean);
  const eidParam = url.searchParams.get('eid');
  if (parts.at(-1) === 'event' && eidParam && EID.test(eidParam)) return { kind: 'event', eid: eidParam };
  const r = parts.indexOf('r');
  const range = r >= 0 ? (parts[r + 1] ?? '') : undefined;
  if (range === 'eventedit' || viewFamily === 'EVENT_EDIT') {
    const last = parts.at(-1) ?? '';
    return EID.test(last) && last !== 'eventedit' ? { kind: 'edit', eid: last } : { kind: 'edit' };
  }
  if (range !== undefined && GRID_RANGES.has(range)) {
    const date = parts.slice(r + 2, r + 5).join('-');
    return /^\d{4}-\d{1,2}-\d{1,2}$/.test(date)
      ? { kind: 'grid', range: range || 'week', date }
      : { kind: 'grid', range: range || 'week' };
  }
  if (viewFamily === 'EVENT') return { kind: 'grid', range: 'week' };
  return { kind: 'other', path: url.pathname };
}

/** Where an event can be opened: the grid's details dialog, the event page and the edit page. */
export function showsEvents(view: CalendarView): boolean {
  return view.kind !== 'other';
}
