/** "in 45 min", "in 2 h 10 min", "in 3 days", "started 5 min ago", "ended": how far away a meeting is. */
export function timeUntil(startMs: number, endMs: number | undefined, now: number): string {
  const minutes = Math.round((startMs - now) / 60_000);
  if (minutes >= 0) {
    if (minutes < 1) return 'now';
    if (minutes < 60) return `in ${minutes} min`;
    if (minutes < 24 * 60) {
      const rest = minutes % 60;
      return `in ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
    }
    const days = Math.round(minutes / (24 * 60));
    return `in ${days} day${days === 1 ? '' : 's'}`;
  }
  if (endMs !== undefined && endMs <= now) return 'ended';
  const ago = -minutes;
  return ago < 60 ? `started ${ago} min ago` : `started ${Math.floor(ago / 60)} h ago`;
}
