import { GMAIL, type GmailSelectorName } from '../sites/gmail/selectors';

/** Without these, no badge can be shown; the others may simply be absent from a given inbox. */
const ESSENTIAL: readonly GmailSelectorName[] = ['threadList', 'threadRow', 'sender', 'subject'];

export interface SelectorHealth {
  checkedAt: string;
  forms: Record<string, string | null>;
}

export function SelectorHealthTable({ health }: { health: SelectorHealth | null }) {
  if (!health) return <p>Open Gmail once to check how Brody reads the page.</p>;
  const names = Object.keys(GMAIL) as GmailSelectorName[];
  return (
    <table>
      <caption>Last checked {new Date(health.checkedAt).toLocaleString()}</caption>
      <thead>
        <tr>
          <th scope="col">Part of the page</th>
          <th scope="col">Found with</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const form = health.forms[name] ?? null;
          const primary = form === GMAIL[name].forms[0];
          let state = form ? (primary ? 'found' : `fallback: ${form}`) : 'not on this page';
          if (!form && ESSENTIAL.includes(name)) state = 'MISSING: Gmail changed, badges may not appear';
          return (
            <tr
              key={name}
              data-selector={name}
              className={!form && ESSENTIAL.includes(name) ? 'problem' : undefined}
            >
              <th scope="row">{name}</th>
              <td>{state}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
