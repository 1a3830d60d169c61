/**
 * Works through a queue in idle-time slices of at most `budgetMs`, so decorating hundreds of rows
 * never produces a long task (> 50 ms) on Gmail's main thread.
 */
export interface IdleQueue<T> {
  push(item: T): void;
}

type IdleCallback = (deadline: { timeRemaining(): number; didTimeout: boolean }) => void;

function requestIdle(callback: IdleCallback, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(() => callback({ timeRemaining: () => 8, didTimeout: true }), 1);
  return () => clearTimeout(handle);
}

export function createIdleQueue<T>(options: {
  signal: AbortSignal;
  process: (item: T) => void;
  /** Called once after each slice with the items processed in it. */
  afterSlice?: (items: T[]) => void;
  budgetMs?: number;
  /** How long work may wait for an idle period before it runs anyway. */
  timeoutMs?: number;
}): IdleQueue<T> {
  const budgetMs = options.budgetMs ?? 12;
  const timeoutMs = options.timeoutMs ?? 50;
  const items: T[] = [];
  let cancel: (() => void) | null = null;

  const slice: IdleCallback = () => {
    cancel = null;
    const started = performance.now();
    const done: T[] = [];
    while (items.length > 0 && !options.signal.aborted && performance.now() - started < budgetMs) {
      const item = items.shift() as T;
      options.process(item);
      done.push(item);
    }
    if (done.length > 0) options.afterSlice?.(done);
    if (items.length > 0 && !options.signal.aborted) cancel = requestIdle(slice, timeoutMs);
  };

  options.signal.addEventListener(
    'abort',
    () => {
      cancel?.();
      items.length = 0;
    },
    { once: true },
  );

  return {
    push(item) {
      if (options.signal.aborted) return;
      items.push(item);
      cancel ??= requestIdle(slice, timeoutMs);
    },
  };
}
