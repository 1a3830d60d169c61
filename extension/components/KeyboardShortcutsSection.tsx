import { useState } from 'react';
import { browser } from 'wxt/browser';
import { ShortcutList } from './ShortcutList';

/** The options page's view of every Brody key: the same list the in-page help shows. */
export function KeyboardShortcutsSection() {
  const [shown, setShown] = useState(false);
  return (
    <section aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p>
        In Gmail and Calendar, Shift+H shows these keys. Browser keys (open Today, add a task, toggle the
        brief) can be changed in the browser.
      </p>
      <div className="actions">
        <button
          type="button"
          aria-expanded={shown}
          aria-controls="shortcut-list"
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide keyboard shortcuts' : 'Show keyboard shortcuts'}
        </button>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
        >
          Change browser keys
        </button>
      </div>
      <div id="shortcut-list">{shown ? <ShortcutList /> : null}</div>
    </section>
  );
}
