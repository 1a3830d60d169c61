import { type FormEvent, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { AccountSection } from '../../components/AccountSection';
import { AiSettingsSection } from '../../components/AiSettingsSection';
import { ApiStatusLine } from '../../components/ApiStatusLine';
import { CalendarHealthTable } from '../../components/CalendarHealthTable';
import { KeyboardShortcutsSection } from '../../components/KeyboardShortcutsSection';
import { LearnedRulesSection } from '../../components/LearnedRulesSection';
import { NotificationsSection } from '../../components/NotificationsSection';
import { PrioritiesSection } from '../../components/PrioritiesSection';
import { type SelectorHealth, SelectorHealthTable } from '../../components/SelectorHealthTable';
import type { ApiStatus } from '../../platform/messages';
import { requestStatus } from '../../platform/runtime-requests';
import { type CalendarSelectorHealth, getSetting, isValidSetting, setSetting } from '../../platform/settings';

/** Local APIs are covered by the manifest; any other origin needs the user's grant first. */
async function ensureHostPermission(apiUrl: string): Promise<boolean> {
  const { hostname, origin } = new URL(apiUrl);
  if (hostname === '127.0.0.1' || hostname === 'localhost') return true;
  return browser.permissions.request({ origins: [`${origin}/*`] });
}

export function OptionsApp() {
  const inputId = useId();
  const [apiUrl, setApiUrl] = useState('');
  const [status, setStatus] = useState<ApiStatus | null>(null);
  const [message, setMessage] = useState('');
  const [health, setHealth] = useState<SelectorHealth | null>(null);
  const [calendarHealth, setCalendarHealth] = useState<CalendarSelectorHealth | null>(null);

  useEffect(() => {
    getSetting('apiUrl').then((saved) => {
      setApiUrl(saved);
      requestStatus().then(setStatus, () => setStatus(null));
    });
    getSetting('gmailSelectorHealth').then(setHealth);
    getSetting('calendarSelectorHealth').then(setCalendarHealth);
  }, []);

  const valid = isValidSetting('apiUrl', apiUrl);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!valid) return setMessage('Enter an http(s) URL, e.g. http://127.0.0.1:8787');
    if (!(await ensureHostPermission(apiUrl)))
      return setMessage('Brody needs permission to reach that host.');
    await setSetting('apiUrl', apiUrl);
    setMessage('Saved.');
    setStatus(await requestStatus());
  }

  async function testConnection() {
    if (!valid) return setMessage('Enter an http(s) URL first.');
    setMessage('');
    setStatus(null);
    setStatus(await requestStatus(apiUrl));
  }

  return (
    <main>
      <h1>Brody settings</h1>
      <form onSubmit={save}>
        <label htmlFor={inputId}>API URL</label>
        <input
          id={inputId}
          type="url"
          value={apiUrl}
          aria-invalid={!valid}
          onChange={(event) => setApiUrl(event.target.value)}
          placeholder="http://127.0.0.1:8787"
        />
        <div className="actions">
          <button type="submit">Save</button>
          <button type="button" onClick={testConnection}>
            Test connection
          </button>
        </div>
      </form>
      <p role="alert">{message}</p>
      <ApiStatusLine status={status} />
      <AccountSection />
      <AiSettingsSection />
      <PrioritiesSection />
      <LearnedRulesSection />
      <NotificationsSection />
      <KeyboardShortcutsSection />
      <section aria-labelledby="health-title">
        <h2 id="health-title">Gmail page check</h2>
        <SelectorHealthTable health={health} />
      </section>
      <section aria-labelledby="calendar-health-title">
        <h2 id="calendar-health-title">Google Calendar page check</h2>
        <CalendarHealthTable health={calendarHealth} />
      </section>
    </main>
  );
}
