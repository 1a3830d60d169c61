import { GMAIL, type GmailSelectorName } from '../sites/gmail/selectors';

/** Without these, no badge can be shown; the others may simply be absent from a given inbox. */
const ESSENTIAL: readonly GmailSelectorName[] = ['threadRow', 'sender', 'subject'];

/** What each part of the page is, in the user's words; internal names stay out of the page. */
const PART_NAME: Record<GmailSelectorName, string> = {
  threadList: 'The list of mail',
  threadRow: 'Mail rows',
  threadIdHolder: 'Conversation ids (let Brody tell threads apart)',
  sender: 'Sender',
  subject: 'Subject',
  snippet: 'Preview text',
  date: 'Date',
  starred: 'Stars',
  important: 'Importance markers',
  labels: 'Labels',
  messageCount: 'Message counts',
  badgeSlot: 'Place for the badge',
};

export interface SelectorHealth {
  checkedAt: string;
  forms: Record<string, string | null>;
  rows?: number;
  badges?: number;
}

function summary(health: SelectorHealth): { text: string; problem: boolean } {
  const missing = ESSENTIAL.filter((name) => !health.forms[name]);
  const { rows, badges } = health;
  if (badges !== undefined && badges > 0) {
    const of = rows !== undefined && rows >= badges ? ` of ${rows}` : '';
    return {
      text: `Brody works on your Gmail: it put a badge on ${badges}${of} mail rows in the list it checked.`,
      problem: false,
    };
  }
  if (missing.length === 0) {
    return {
      text: 'Brody can read your Gmail list. If no badges show, reload Gmail; they appear within a second.',
      problem: false,
    };
  }
  return {
    text: `Brody could not find ${missing.map((name) => PART_NAME[name].toLowerCase()).join(', ')} in your Gmail list, so no badges appear. Reload Gmail with the inbox open; if that does not help, Gmail has changed its page and Brody needs an update.`,
    problem: true,
  };
}

export function SelectorHealthTable({ health }: { health: SelectorHealth | null }) {
  if (!health) return <p>Open your Gmail inbox once and Brody checks how it reads the page.</p>;
  const names = Object.keys(GMAIL) as GmailSelectorName[];
  const overall = summary(health);
  const worked = (health.badges ?? 0) > 0;
  return (
    <>
      <p data-testid="health-summary" className={overall.problem ? 'problem' : 'ok'}>
        {overall.text}
      </p>
      <table>
        <caption>Last checked {new Date(health.checkedAt).toLocaleString()}</caption>
        <thead>
          <tr>
            <th scope="col">Part of the page</th>
            <th scope="col">What Brody found</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const form = health.forms[name] ?? null;
            const primary = form === GMAIL[name].forms[0];
            // A part the badges did not need is no fault when badges appeared.
            const problem = !form && ESSENTIAL.includes(name) && !worked;
            const state = form
              ? primary
                ? 'Found'
                : 'Found (in an older form of the page)'
              : problem
                ? 'Not found: no badges without it'
                : 'Not on this page (fine: not every list shows it)';
            return (
              <tr key={name} data-selector={name} className={problem ? 'problem' : undefined}>
                <th scope="row">{PART_NAME[name]}</th>
                <td>{state}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
