/**
 * Works through a queue in slices of at most `budgetMs`, so decorating hundreds of rows never makes
 * a long task (> 50 ms) on Gmail's main thread, yet a new row is handled within milliseconds.
 *
 * The first slice runs right away, in the caller's task (a MutationObserver callback), so rows that
 * appear one at a time get their badge before the next paint. What is left over continues in fresh
 * tasks posted through a MessageChannel, which, unlike requestIdleCallback, does not wait for an idle
 * period that a busy Gmail may not offer for 50 ms or more, and unlike setTimeout is not clamped.
 */
import { postTask } from './post-task';

export interface SlicedQueue<T> {
  push(item: T): void;
  /**
   * Holds the next slice until the page has painted: for the first scan of a page, whose rows all
   * got their (empty) decorations in this task, so that layout is the only work of its frame.
   */
  afterPaint(): void;
}

/** Runs `run` in a task after the next frame (or at once in a task, in a tab that gets no frames). */
function afterNextPaint(run: () => void): () => void {
  let cancelTask: (() => void) | null = null;
  if (document.visibilityState === 'hidden') return postTask(run);
  const frame = requestAnimationFrame(() => {
    cancelTask = postTask(run);
  });
  return () => {
    cancelAnimationFrame(frame);
    cancelTask?.();
  };
}

export function createSlicedQueue<T>(options: {
  signal: AbortSignal;
  process: (item: T) => void;
  /** Called once after each slice with the items processed in it. */
  afterSlice?: (items: T[]) => void;
  budgetMs?: number;
}): SlicedQueue<T> {
  const budgetMs = options.budgetMs ?? 8;
  const items: T[] = [];
  let head = 0;
  let cancel: (() => void) | null = null;
  let running = false;
  let holdForPaint = false;

  const slice = (): void => {
    cancel = null;
    running = true;
    const started = performance.now();
    const done: T[] = [];
    try {
      while (head < items.length && !options.signal.aborted && performance.now() - started < budgetMs) {
        const item = items[head++] as T;
        options.process(item);
        done.push(item);
      }
    } finally {
      running = false;
      if (head === items.length) {
        items.length = 0;
        head = 0;
      }
    }
    if (done.length > 0) options.afterSlice?.(done);
    if (head < items.length && !options.signal.aborted) cancel = postTask(slice);
  };

  options.signal.addEventListener(
    'abort',
    () => {
      cancel?.();
      items.length = 0;
      head = 0;
    },
    { once: true },
  );

  return {
    afterPaint() {
      holdForPaint = true;
      // Only for what is pushed in this task: a row found later gets its badge before the next paint.
      queueMicrotask(() => {
        holdForPaint = false;
      });
    },
    push(item) {
      if (options.signal.aborted) return;
      items.push(item);
      if (cancel || running) return;
      if (holdForPaint) {
        holdForPaint = false;
        cancel = afterNextPaint(slice);
        return;
      }
      // Run in a microtask: the caller finishes queueing this burst first, and the slice still
      // lands before the browser paints.
      cancel = () => {
        cancel = null;
      };
      queueMicrotask(() => {
        if (cancel === null || options.signal.aborted) return;
        slice();
      });
    },
  };
}
