import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type { CalendarEvent, Task, TaskPriority } from '../../../shared/day/model';
import { taskLink } from '../../background/today/select';
import type { TaskPatch } from '../../platform/task-messages';
import { TaskCheckbox } from './TaskCheckbox';
import { TaskEditor } from './TaskEditor';

const COMPLETED_SHOWN = 20;

export interface TaskActions {
  add: (title: string, priority: TaskPriority, due: string) => void;
  toggle: (id: string, done: boolean) => void;
  save: (id: string, patch: TaskPatch) => void;
  move: (id: string, by: -1 | 1) => void;
  remove: (task: Task) => void;
  open: (url: string) => void;
}

function AddTaskForm({ onAdd }: { onAdd: TaskActions['add'] }) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState<TaskPriority>('medium');
  const [due, setDue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    onAdd(title.trim(), priority, due);
    setTitle('');
    setDue('');
  };
  return (
    <form className="add-task" onSubmit={submit} aria-label="Add a task">
      <label htmlFor={`${id}-title`}>New task</label>
      <input id={`${id}-title`} value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={`${id}-priority`}>Priority</label>
      <select
        id={`${id}-priority`}
        value={priority}
        onChange={(e) => setPriority(e.target.value as TaskPriority)}
      >
        <option value="high">high</option>
        <option value="medium">medium</option>
        <option value="low">low</option>
      </select>
      <label htmlFor={`${id}-due`}>Due</label>
      <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <button type="submit">Add task</button>
    </form>
  );
}

function TaskRow(props: {
  task: Task;
  events: ReadonlyMap<string, CalendarEvent>;
  actions: TaskActions;
  first: boolean;
  last: boolean;
}) {
  const { task, actions } = props;
  const [editing, setEditing] = useState(false);
  const link = taskLink(task, props.events);
  const done = task.status === 'completed';
  // Alt+Arrow moves the task while focus stays on it, the way list reordering works in most apps.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || done) return;
    if (event.key === 'ArrowUp' && !props.first) actions.move(task.id, -1);
    else if (event.key === 'ArrowDown' && !props.last) actions.move(task.id, 1);
    else return;
    event.preventDefault();
  };
  if (editing)
    return (
      <li>
        <TaskEditor
          task={task}
          onCancel={() => setEditing(false)}
          onSave={(patch) => {
            setEditing(false);
            actions.save(task.id, patch);
          }}
        />
      </li>
    );
  return (
    <li
      className={`task-line priority-${task.priority}${done ? ' done' : ''}`}
      onKeyDown={onKeyDown}
      data-task-id={task.id}
    >
      <TaskCheckbox task={task} onToggle={actions.toggle} />
      <span className="what">{task.title}</span>
      <span className="meta">
        {task.priority}
        {task.due ? ` · due ${task.due.slice(0, 10)}` : ''}
        {task.status === 'in_progress' ? ' · in progress' : ''}
      </span>
      <span className="task-actions">
        {link ? (
          <button
            type="button"
            aria-label={`Open the source of ${task.title}`}
            onClick={() => actions.open(link)}
          >
            ↗
          </button>
        ) : null}
        {done ? null : (
          <>
            <button
              type="button"
              aria-label={`Move ${task.title} up`}
              disabled={props.first}
              onClick={() => actions.move(task.id, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move ${task.title} down`}
              disabled={props.last}
              onClick={() => actions.move(task.id, 1)}
            >
              ↓
            </button>
          </>
        )}
        <button type="button" aria-label={`Edit ${task.title}`} onClick={() => setEditing(true)}>
          ✎
        </button>
        <button type="button" aria-label={`Delete ${task.title}`} onClick={() => actions.remove(task)}>
          ✕
        </button>
      </span>
    </li>
  );
}

export function TasksView(props: {
  tasks: Task[];
  events: ReadonlyMap<string, CalendarEvent>;
  actions: TaskActions;
}) {
  const open = props.tasks.filter((task) => task.status !== 'completed');
  const completed = props.tasks
    .filter((task) => task.status === 'completed')
    .sort((a, b) => (b.completedAt ?? 0) - (a.completedAt ?? 0))
    .slice(0, COMPLETED_SHOWN);
  return (
    <div className="tasks">
      <AddTaskForm onAdd={props.actions.add} />
      <section aria-labelledby="open-tasks-title">
        <h2 id="open-tasks-title">Open tasks ({open.length})</h2>
        {open.length === 0 ? (
          <p className="empty">No open tasks. Add one above or from a Gmail row.</p>
        ) : null}
        <ul className="items" aria-label="Open tasks">
          {open.map((task, index) => (
            <TaskRow
              key={task.id}
              task={task}
              events={props.events}
              actions={props.actions}
              first={index === 0}
              last={index === open.length - 1}
            />
          ))}
        </ul>
      </section>
      {completed.length > 0 ? (
        <section aria-labelledby="done-tasks-title">
          <h2 id="done-tasks-title">Completed</h2>
          <ul className="items" aria-label="Completed tasks">
            {completed.map((task) => (
              <TaskRow key={task.id} task={task} events={props.events} actions={props.actions} first last />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
