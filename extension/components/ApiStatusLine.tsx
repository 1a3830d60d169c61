import type { ApiStatus } from '../platform/messages';

/** One line of API status, announced politely to screen readers when it changes. */
export function ApiStatusLine({ status }: { status: ApiStatus | null }) {
  let text = 'Checking the API…';
  if (status?.reachable && status.health) {
    text = `API reachable (${status.health.database}, v${status.health.version})`;
  } else if (status) {
    text = `API not reachable: ${status.error?.message ?? 'unknown error'}. Badges use local rules.`;
  }
  return (
    <p role="status" aria-live="polite" className={status?.reachable ? 'ok' : 'problem'}>
      {text}
    </p>
  );
}
