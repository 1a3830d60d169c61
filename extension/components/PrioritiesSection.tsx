import { type FormEvent, useEffect, useId, useState } from 'react';
import { getSetting, isValidSetting, setSetting } from '../platform/settings';

const MAX_VIPS = 200;

/** One address or @domain per line; blank lines and duplicates dropped. */
export function parseVipLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line.length > 0 && line.length <= 320);
  return [...new Set(lines)].slice(0, MAX_VIPS);
}

function looksLikeVip(entry: string): boolean {
  return /^@[^\s@]+\.[^\s@]+$/.test(entry) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(entry);
}

/** "My priorities": goals text and VIPs, used by the local engine and sent to the API. */
export function PrioritiesSection() {
  const textId = useId();
  const vipId = useId();
  const [text, setText] = useState<string | null>(null);
  const [vips, setVips] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    Promise.all([getSetting('priorities'), getSetting('vips')]).then(([saved, savedVips]) => {
      setText(saved);
      setVips(savedVips.join('\n'));
    });
  }, []);

  const list = parseVipLines(vips);
  const wrong = list.filter((entry) => !looksLikeVip(entry));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (text === null) return;
    if (!isValidSetting('priorities', text)) return setMessage('Keep priorities under 2,000 characters.');
    if (wrong.length > 0) return setMessage(`Not an address or @domain: ${wrong.slice(0, 3).join(', ')}`);
    await setSetting('priorities', text);
    await setSetting('vips', list);
    setMessage(`Saved (${list.length} VIP${list.length === 1 ? '' : 's'}).`);
  }

  return (
    <section aria-labelledby="priorities-title">
      <h2 id="priorities-title">My priorities</h2>
      {text === null ? (
        <p role="status">Loading…</p>
      ) : (
        <form onSubmit={save}>
          <label htmlFor={textId}>Goals and projects</label>
          <textarea
            id={textId}
            rows={4}
            maxLength={2_000}
            value={text}
            placeholder="e.g. Close the Acme renewal; hire a designer"
            onChange={(event) => setText(event.target.value)}
          />
          <label htmlFor={vipId}>VIPs (one address or @domain per line)</label>
          <textarea
            id={vipId}
            rows={4}
            value={vips}
            aria-invalid={wrong.length > 0}
            placeholder={'ana@acme.com\n@bigclient.com'}
            onChange={(event) => setVips(event.target.value)}
          />
          <div className="actions">
            <button type="submit">Save priorities</button>
          </div>
          <p role="status" aria-live="polite" data-testid="priorities-message">
            {message}
          </p>
        </form>
      )}
    </section>
  );
}
