import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import type { AccountView, SignInMethods } from '../../shared/auth/contract';
import type { AccountStatusAnswer } from '../platform/account-messages';
import { accountRequests, watchAccountEvents } from '../platform/account-requests';
import { useSyncStatus } from '../platform/sync-status';
import { startSyncTicks } from '../platform/sync-ticks';
import { syncLabel } from './sync-label';

const CONFIRM_TEXT = 'delete my account';

const SIGNED_OUT_BECAUSE: Record<string, string> = {
  session_revoked: 'This device was signed out: its session was revoked. Sign in again with a pairing code.',
  expired: 'This device was signed out: its session expired. Sign in again with a pairing code.',
  deleted: 'Your account and its data were deleted.',
  signed_out: 'Signed out.',
};

function download(json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `brody-export-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** When a device signed in and was last seen: what tells two "Chrome on Linux" apart. */
function deviceWhen(device: AccountView['devices'][number]): string {
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
  const since = `signed in ${day(device.createdAt)}`;
  if (device.current || device.lastSeenAt === null) return since;
  return `${since}, last seen ${new Date(device.lastSeenAt).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })}`;
}

/** Sign in with a pairing code, the signed-in devices, export and delete, and where sync stands. */
export function AccountSection() {
  const codeId = useId();
  const confirmId = useId();
  const [status, setStatus] = useState<AccountStatusAnswer | null>(null);
  const [view, setView] = useState<AccountView | null>(null);
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const sync = useSyncStatus();

  const reload = useCallback(async () => {
    const next = await accountRequests.status();
    setStatus(next);
    if (!next.signedIn) {
      setView(null);
      // What this API offers; unreachable, the pairing form stays (the local API is the default).
      const offered = await accountRequests.methods().catch(() => null);
      setMethods(offered?.ok ? offered.methods : null);
      return;
    }
    const answer = await accountRequests.view();
    if (answer.ok) setView(answer.view);
    else setMessage(`Could not load the devices: ${answer.error.message}`);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void reload().catch(() => setStatus({ ok: true, signedIn: false }));
    startSyncTicks(controller.signal);
    watchAccountEvents((event) => {
      if (event.type === 'account-signed-out') {
        setMessage(SIGNED_OUT_BECAUSE[event.reason] ?? 'Signed out.');
        void reload();
      } else if (event.type === 'account-signed-in') void reload();
    }, controller.signal);
    return () => controller.abort();
  }, [reload]);

  async function act(work: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) {
    setBusy(true);
    setMessage('');
    try {
      const answer = await work();
      setMessage(answer.ok ? done : (answer.error?.message ?? 'That did not work.'));
      await reload();
    } finally {
      setBusy(false);
    }
  }

  async function signIn(event: FormEvent) {
    event.preventDefault();
    await act(() => accountRequests.signIn(code), 'Signed in.');
    setCode('');
  }

  async function signInWithGoogle() {
    // Asked here, in the click: Chrome grants optional permissions only during a user gesture.
    const granted = await browser.permissions.request({ permissions: ['identity'] }).catch(() => false);
    if (!granted) {
      setMessage("Google sign-in needs permission to open Google's sign-in window.");
      return;
    }
    await act(() => accountRequests.signInWithGoogle(), 'Signed in with Google.');
  }

  async function exportData() {
    setBusy(true);
    try {
      const answer = await accountRequests.exportData();
      if (answer.ok) {
        download(answer.json);
        setMessage('Export downloaded.');
      } else setMessage(`Export failed: ${answer.error.message}`);
    } finally {
      setBusy(false);
    }
  }

  const signedIn = status?.signedIn === true;
  const who = status?.user?.email ?? 'the owner of this Brody';

  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      {status === null ? (
        <p role="status">Loading…</p>
      ) : !signedIn ? (
        <>
          <p>Sign in to keep tasks, rules, priorities and preparation the same on every browser.</p>
          {methods?.google ? (
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => void signInWithGoogle()}>
                Sign in with Google
              </button>
            </div>
          ) : null}
          {methods === null || methods.pairing ? (
            <form onSubmit={signIn}>
              <label htmlFor={codeId}>Pairing code</label>
              <input
                id={codeId}
                autoComplete="off"
                spellCheck={false}
                value={code}
                placeholder="XXXX-XXXX (printed by npm start)"
                onChange={(event) => setCode(event.target.value)}
              />
              <div className="actions">
                <button type="submit" disabled={busy || code.trim() === ''}>
                  Sign in
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <p data-account="who">Signed in as {who}</p>
          {sync ? <p data-account="sync">{syncLabel(sync, (ms) => new Date(ms).toLocaleString())}</p> : null}
          <h3>Signed-in devices</h3>
          <ul aria-label="Signed-in devices">
            {(view?.devices ?? []).map((device) => (
              <li key={device.id} data-device={device.id}>
                <span>
                  {device.name}
                  {device.current ? ' (this browser)' : ''}
                  {` · ${deviceWhen(device)}`}
                </span>{' '}
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Sign out ${device.name}${device.current ? ' (this browser)' : ''}`}
                  onClick={() =>
                    void act(
                      () =>
                        device.current ? accountRequests.signOut() : accountRequests.signOutDevice(device.id),
                      `Signed out ${device.name}.`,
                    )
                  }
                >
                  Sign out
                </button>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void exportData()}>
              Export my data
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
              Delete my account
            </button>
          </div>
          {confirming ? (
            <fieldset aria-label="Confirm account deletion">
              <p>
                This deletes your account and everything the Brody API holds about you, on every device. Brody
                keeps working on this browser, signed out. Type “{CONFIRM_TEXT}” to confirm.
              </p>
              <label htmlFor={confirmId}>Confirmation</label>
              <input
                id={confirmId}
                autoComplete="off"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
              <div className="actions">
                <button
                  type="button"
                  disabled={busy || typed.trim().toLowerCase() !== CONFIRM_TEXT}
                  onClick={() =>
                    void act(() => accountRequests.deleteAccount(), 'Account deleted.').then(() => {
                      setConfirming(false);
                      setTyped('');
                    })
                  }
                >
                  Delete for good
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </fieldset>
          ) : null}
        </>
      )}
      <p role="status" data-account="message">
        {message}
      </p>
    </section>
  );
}
