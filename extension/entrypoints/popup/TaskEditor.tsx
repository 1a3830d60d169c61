import { type FormEvent, useId, useState } from 'react';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskPriority,
  type TaskStatus,
} from '../../../shared/day/model';
import type { TaskPatch } from '../../platform/task-messages';

const STATUS_LABEL: Record<TaskStatus, string> = {
  pending: 'Pending',
  in_progress: 'In progress',
  completed: 'Completed',
};

/** Edits every field the user owns; the due date keeps only its day (a time from a mail is dropped on edit). */
export function TaskEditor(props: { task: Task; onSave: (patch: TaskPatch) => void; onCancel: () => void }) {
  const id = useId();
  const { task } = props;
  const [title, setTitle] = useState(task.title);
  const [notes, setNotes] = useState(task.notes);
  const [priority, setPriority] = useState<TaskPriority>(task.priority);
  const [status, setStatus] = useState<TaskStatus>(task.status);
  const [due, setDue] = useState(task.due?.slice(0, 10) ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    const dueChanged = due !== (task.due?.slice(0, 10) ?? '');
    props.onSave({
      title: title.trim(),
      notes,
      priority,
      status,
      ...(dueChanged ? { due: due || null } : {}),
    });
  };

  return (
    <form className="editor" onSubmit={submit} aria-label={`Edit ${task.title}`}>
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={title}
        required
        maxLength={300}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea
        id={`${id}-notes`}
        value={notes}
        maxLength={5000}
        onChange={(e) => setNotes(e.target.value)}
      />
      <div className="row">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={priority}
          onChange={(e) => setPriority(e.target.value as TaskPriority)}
        >
          {TASK_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus)}>
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor={`${id}-due`}>Due</label>
      <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <div className="actions">
        <button type="submit">Save</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
