import { browser } from 'wxt/browser';
import type { PrepStatus } from '../../../shared/day/model';
import type { TodayData } from '../../background/today/load';
import { type TaskUrgency, taskLink, threadLink } from '../../background/today/select';
import { syncLabel } from '../../components/sync-label';
import type { SyncStatus } from '../../platform/sync-status';
import { TaskCheckbox } from './TaskCheckbox';

const PREP: Record<PrepStatus, string> = {
  not_started: 'Prep not started',
  in_progress: 'Prep in progress',
  ready: 'Prep ready',
};
const WHY: Record<TaskUrgency, string> = { overdue: 'Overdue', today: 'Due today', high: 'High priority' };

/** One formatter for every meeting: toLocaleTimeString with options builds a new one per call. */
let clock: Intl.DateTimeFormat | undefined;

function time(iso: string, allDay: boolean): string {
  if (allDay) return 'All day';
  clock ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
  return clock.format(new Date(iso));
}

function Section(props: {
  id: string;
  title: string;
  empty: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${props.id}-title`} data-section={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.count === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="items">{props.children}</ul>
      )}
    </section>
  );
}

export function TodayView(props: {
  data: TodayData;
  /** Every thread rated high; null until counted, just after Today is on screen. */
  ratedHigh: number | null;
  /** Null until the background answered. */
  sync?: SyncStatus | null;
  onOpen: (url: string) => void;
  onToggle: (id: string, done: boolean) => void;
}) {
  const { data, onOpen } = props;
  return (
    <div className="today">
      <p className="sync" data-sync={props.sync ? (props.sync.signedIn ? 'on' : 'off') : ''}>
        {props.sync ? syncLabel(props.sync) : 'Checking sync…'}
        {props.sync && !props.sync.signedIn ? (
          <>
            {' · '}
            <button
              type="button"
              className="link"
              onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html') })}
            >
              Sign in
            </button>
          </>
        ) : null}
      </p>
      <Section id="meetings" title="Meetings today" empty="No meetings today." count={data.meetings.length}>
        {data.meetings.map(({ event, prep }) => (
          <li key={event.id}>
            <button
              type="button"
              className="item"
              disabled={!event.link}
              onClick={() => event.link && onOpen(event.link)}
            >
              <span className="when">{time(event.start, event.allDay)}</span>
              <span className="what">{event.title || '(no title)'}</span>
              <span className={`chip prep-${prep}`}>{PREP[prep]}</span>
            </button>
          </li>
        ))}
      </Section>
      <Section
        id="top-tasks"
        title="Top tasks"
        empty={data.anyOpenTask ? 'Nothing overdue, due today or high priority.' : 'No open tasks.'}
        count={data.tasks.length}
      >
        {data.tasks.map(({ task, why }) => {
          const link = taskLink(task, data.events);
          return (
            <li key={task.id} className="task-line">
              <TaskCheckbox task={task} onToggle={props.onToggle} />
              <button type="button" className="item" disabled={!link} onClick={() => link && onOpen(link)}>
                <span className="what">{task.title}</span>
                <span className={`chip why-${why}`}>{WHY[why]}</span>
              </button>
            </li>
          );
        })}
      </Section>
      <Section
        id="urgent"
        title={props.ratedHigh ? `Urgent mail (${props.ratedHigh} rated high)` : 'Urgent mail'}
        empty="No urgent unread mail."
        count={data.urgent.length}
      >
        {data.urgent.map((mail) => (
          <li key={mail.id}>
            <button type="button" className="item" onClick={() => onOpen(threadLink(mail.id))}>
              <span className="what">{mail.subject || mail.reason}</span>
              {mail.from ? <span className="who">{mail.from}</span> : null}
            </button>
          </li>
        ))}
      </Section>
      <Section
        id="replies"
        title="Replies owed"
        empty="No replies owed either way."
        count={data.replies.length}
      >
        {data.replies.map(({ thread, direction }) => (
          <li key={thread.id}>
            <button type="button" className="item" onClick={() => onOpen(threadLink(thread.id))}>
              <span className={`chip ${direction}`}>
                {direction === 'you_owe' ? 'You owe' : 'Waiting on them'}
              </span>
              <span className="what">{thread.subject || '(no subject)'}</span>
              {thread.lastFrom ? (
                <span className="who">{thread.names?.[thread.lastFrom] ?? thread.lastFrom}</span>
              ) : null}
            </button>
          </li>
        ))}
      </Section>
    </div>
  );
}
