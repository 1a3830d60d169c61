import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { getSetting, setSetting } from '../platform/settings';

const PERMISSIONS: Parameters<typeof browser.permissions.request>[0] = {
  permissions: ['notifications'],
};

/** Asked only here, from the click that turns a feature on (alarms are always granted: sync uses them). */
async function ensurePermissions(): Promise<boolean> {
  if (await browser.permissions.contains(PERMISSIONS)) return true;
  return browser.permissions.request(PERMISSIONS);
}

export function NotificationsSection() {
  const id = useId();
  const [digest, setDigest] = useState(false);
  const [time, setTime] = useState('08:30');
  const [urgent, setUrgent] = useState(false);
  const [quiet, setQuiet] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void Promise.all([
      getSetting('digestEnabled'),
      getSetting('digestTime'),
      getSetting('urgentAlerts'),
      getSetting('notificationsQuiet'),
    ]).then(([d, t, u, q]) => {
      setDigest(d);
      setTime(t);
      setUrgent(u);
      setQuiet(q);
    });
  }, []);

  const toggle = async (name: 'digestEnabled' | 'urgentAlerts', on: boolean, set: (v: boolean) => void) => {
    if (on && !(await ensurePermissions())) {
      setMessage('Brody needs permission to show notifications for this.');
      return;
    }
    await setSetting(name, on);
    set(on);
    setMessage(on ? 'Turned on.' : 'Turned off.');
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Notifications</h2>
      <p>
        Off until you turn one on; Chrome then asks you to allow notifications. Each one opens what it is
        about.
      </p>
      <div>
        <input
          id={`${id}-digest`}
          type="checkbox"
          checked={digest}
          onChange={(event) => void toggle('digestEnabled', event.target.checked, setDigest)}
        />
        <label htmlFor={`${id}-digest`}>Daily “prepare my day” digest</label>
        <label htmlFor={`${id}-time`}> at </label>
        <input
          id={`${id}-time`}
          type="time"
          value={time}
          onChange={(event) => {
            const next = event.target.value;
            setTime(next);
            void setSetting('digestTime', next).catch(() => setMessage('Pick a time like 08:30.'));
          }}
        />
      </div>
      <div>
        <input
          id={`${id}-urgent`}
          type="checkbox"
          checked={urgent}
          onChange={(event) => void toggle('urgentAlerts', event.target.checked, setUrgent)}
        />
        <label htmlFor={`${id}-urgent`}>Tell me when a new mail is rated urgent</label>
      </div>
      <div>
        <input
          id={`${id}-quiet`}
          type="checkbox"
          checked={quiet}
          onChange={(event) => {
            const on = event.target.checked;
            setQuiet(on);
            void setSetting('notificationsQuiet', on);
          }}
        />
        <label htmlFor={`${id}-quiet`}>Quiet: hold all Brody notifications for now</label>
      </div>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
