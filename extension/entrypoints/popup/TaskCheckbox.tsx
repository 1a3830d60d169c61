import type { Task } from '../../../shared/day/model';

/** Named by the task's title, so a screen reader says "Send the numbers, checkbox, not checked". */
export function TaskCheckbox(props: { task: Task; onToggle: (id: string, done: boolean) => void }) {
  const { task } = props;
  return (
    <input
      type="checkbox"
      aria-label={task.title}
      checked={task.status === 'completed'}
      onChange={(event) => props.onToggle(task.id, event.target.checked)}
    />
  );
}
