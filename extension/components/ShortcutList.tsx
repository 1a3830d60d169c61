import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { shortcutHelpGroups } from './shortcut-help-rows';

/** The browser's current bindings; extension pages may read them directly. */
async function boundCommands(): Promise<Record<string, string>> {
  const commands = (await browser.commands?.getAll?.()) ?? [];
  return Object.fromEntries(commands.flatMap((c) => (c.name ? [[c.name, c.shortcut ?? '']] : [])));
}

/** Every Brody key, the same list the in-page help overlay shows. */
export function ShortcutList() {
  const [bound, setBound] = useState<Record<string, string>>({});
  useEffect(() => {
    boundCommands().then(setBound, () => setBound({}));
  }, []);
  return (
    <div className="shortcut-list" data-brody-shortcuts="">
      {shortcutHelpGroups(bound).map((group) => (
        <section key={group.site} aria-label={group.title}>
          <h3>{group.title}</h3>
          <dl>
            {group.rows.map((row) => (
              <div key={row.id} className="shortcut-row">
                <dt>
                  <kbd>{row.keys}</kbd>
                </dt>
                <dd>{row.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="hint">Browser keys can be changed at chrome://extensions/shortcuts.</p>
    </div>
  );
}
