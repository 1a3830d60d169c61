import type { CalendarPart, CalendarSelectorHealth } from '../platform/settings';
import { CALENDAR, CALENDAR_PART, type CalendarSelectorName } from '../sites/calendar/selectors';

/** What each part of Calendar's page is, in the user's words. */
const PART_NAME: Record<CalendarSelectorName, string> = {
  dayColumn: 'Days of the calendar',
  eventChip: 'Events on the calendar',
  detailsDialog: 'The window an event opens in',
  detailsBody: 'Which event that window shows',
  detailsTitle: 'Event title',
  detailsWhen: 'Date and time',
  detailsVideo: 'Meeting link',
  detailsLocation: 'Place',
  detailsGuests: 'Guest list',
  detailsDescription: 'Description',
  guest: 'Guests and their addresses',
  editPage: 'The full event page',
  editTitle: 'Event title on the full page',
  editLocation: 'Place on the full page',
  editDescription: 'Description on the full page',
  editStartDate: 'Start date on the full page',
  editStartTime: 'Start time on the full page',
  editEndTime: 'End time on the full page',
  editEndDate: 'End date on the full page',
  editTimeZone: 'Time zone on the full page',
};

const PART_TITLE: Record<CalendarPart, string> = {
  grid: 'The calendar (day, week, month)',
  dialog: 'An opened event',
  page: 'The full event page',
};

/** Without these a brief cannot be read from that part; the rest an event may simply not have. */
const ESSENTIAL: readonly CalendarSelectorName[] = ['dayColumn', 'detailsBody', 'detailsWhen', 'editTitle'];

function summary(health: CalendarSelectorHealth): { text: string; problem: boolean } {
  if (health.read.dialog === false || health.read.page === false) {
    const where = health.read.dialog === false ? 'an event you opened' : 'the full event page';
    return {
      text: `Brody could not read ${where}, so no brief appeared for it. Reload Calendar and open the event again; if that does not help, Calendar has changed its page and Brody needs an update.`,
      problem: true,
    };
  }
  if (health.read.dialog || health.read.page) {
    const events = health.events ? ` It saw ${health.events} events on your calendar.` : '';
    return {
      text: `Brody works on your Calendar: it read the event you opened for its brief.${events}`,
      problem: false,
    };
  }
  if (health.seen.grid && health.forms.dayColumn) {
    return {
      text: 'Brody can read your calendar. Open an event and Brody checks how it reads it for the brief.',
      problem: false,
    };
  }
  return {
    text: 'Brody could not find the days of your calendar. Reload Calendar; if that does not help, Calendar has changed its page and Brody needs an update.',
    problem: true,
  };
}

export function CalendarHealthTable({ health }: { health: CalendarSelectorHealth | null }) {
  if (!health) return <p>Open Google Calendar once and Brody checks how it reads the page.</p>;
  const overall = summary(health);
  const names = Object.keys(CALENDAR) as CalendarSelectorName[];
  return (
    <>
      <p data-testid="calendar-health-summary" className={overall.problem ? 'problem' : 'ok'}>
        {overall.text}
      </p>
      {(['grid', 'dialog', 'page'] as const).map((part) => {
        const seen = health.seen[part];
        return (
          <table key={part} data-part={part}>
            <caption>
              {PART_TITLE[part]}:{' '}
              {seen
                ? `last checked ${new Date(seen).toLocaleString()}`
                : 'not checked yet (open one in Calendar)'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Part of the page</th>
                <th scope="col">What Brody found</th>
              </tr>
            </thead>
            <tbody>
              {names
                .filter((name) => CALENDAR_PART[name] === part)
                .map((name) => {
                  const form = health.forms[name] ?? null;
                  const problem = Boolean(seen) && !form && ESSENTIAL.includes(name);
                  const state = !seen
                    ? 'Not checked yet'
                    : form
                      ? form === CALENDAR[name].forms[0]
                        ? 'Found'
                        : 'Found (in an older form of the page)'
                      : problem
                        ? 'Not found: no brief without it'
                        : 'Not there (fine: not every event has it)';
                  return (
                    <tr key={name} data-selector={name} className={problem ? 'problem' : undefined}>
                      <th scope="row">{PART_NAME[name]}</th>
                      <td>{state}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
