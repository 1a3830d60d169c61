import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Task } from '../../../shared/day/model';
import { ApiStatusLine } from '../../components/ApiStatusLine';
import { ShortcutList } from '../../components/ShortcutList';
import type { ApiStatus } from '../../platform/messages';
import { openSource } from '../../platform/open-source';
import { useSyncStatus, watchSyncApplied } from '../../platform/sync-status';
import { startSyncTicks } from '../../platform/sync-ticks';
import { TasksView } from './TasksView';
import { TodayView } from './TodayView';
import { createTask, deleteTask, moveTask, undoDelete, updateTask } from './task-requests';
import { type LocalDay, useLocalDay } from './use-local-day';

type Tab = 'today' | 'tasks' | 'shortcuts';
const TABS: { id: Tab; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'shortcuts', label: 'Shortcuts' },
];
const UNDO_SHOWN_MS = 10_000;

export function PopupApp({ initialDay }: { initialDay: LocalDay }) {
  const [tab, setTab] = useState<Tab>(location.hash === '#shortcuts' ? 'shortcuts' : 'today');
  const [status, setStatus] = useState<ApiStatus | null>(null);
  const [notice, setNotice] = useState('');
  const [undo, setUndo] = useState<{ token: string; title: string } | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { day, reload } = useLocalDay(initialDay);
  const sync = useSyncStatus();

  useEffect(() => {
    // The status check parses the background's answer with zod; loading it after Today keeps the
    // validator out of the popup's first script.
    import('../../platform/runtime-requests')
      .then(({ requestStatus }) => requestStatus())
      .then(setStatus, () => setStatus(null));
    return () => clearTimeout(undoTimer.current);
  }, []);
  // While the popup is open the background pulls about once a second; pulled rows repaint at once.
  useEffect(() => {
    const controller = new AbortController();
    startSyncTicks(controller.signal);
    watchSyncApplied(() => void reload(), controller.signal);
    return () => controller.abort();
  }, [reload]);

  const run = (change: Promise<unknown>) =>
    change.then(
      () => reload(),
      (error: unknown) => setNotice(error instanceof Error ? error.message : String(error)),
    );
  const open = (url: string) => void openSource(url).catch(() => setNotice('Could not open that tab.'));
  const toggle = (id: string, done: boolean) =>
    run(updateTask(id, { status: done ? 'completed' : 'pending' }));
  const remove = (task: Task) =>
    run(
      deleteTask(task.id).then((token) => {
        clearTimeout(undoTimer.current);
        setUndo({ token, title: task.title });
        undoTimer.current = setTimeout(() => setUndo(null), UNDO_SHOWN_MS);
      }),
    );

  return (
    <main>
      <header>
        <h1>Brody</h1>
        <div role="tablist" aria-label="Brody views">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'shortcuts' ? (
          <ShortcutList />
        ) : day.state === 'loading' ? (
          <p role="status">Loading your day…</p>
        ) : day.state === 'error' ? (
          <p role="alert" className="problem">
            Brody could not read its data on this device: {day.message}
          </p>
        ) : tab === 'today' ? (
          <TodayView data={day.today} ratedHigh={day.ratedHigh} sync={sync} onOpen={open} onToggle={toggle} />
        ) : day.tasks === null ? (
          <p role="status">Loading your tasks…</p>
        ) : (
          <TasksView
            tasks={day.tasks}
            events={day.today.events}
            actions={{
              add: (title, priority, due) =>
                run(createTask({ title, priority, ...(due ? { due } : {}), source: { kind: 'manual' } })),
              toggle,
              save: (id, patch) => run(updateTask(id, patch)),
              move: (id, by) => run(moveTask(id, by)),
              remove,
              open,
            }}
          />
        )}
      </div>
      <div className="toast" role="status" aria-live="polite">
        {undo ? (
          <>
            Deleted “{undo.title}”.{' '}
            <button
              type="button"
              onClick={() => {
                setUndo(null);
                void run(undoDelete(undo.token));
              }}
            >
              Undo
            </button>
          </>
        ) : (
          notice
        )}
      </div>
      <footer>
        <ApiStatusLine status={status} />
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          Settings
        </a>
      </footer>
    </main>
  );
}
