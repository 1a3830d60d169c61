/**
 * Runs page features for the current view. Each run gets its own AbortSignal (aborted on in-page
 * navigation or when the extension context dies), and a feature that throws is reported under its
 * name without stopping the others.
 */
import { nextTask } from './post-task';

export interface Feature<View> {
  readonly name: string;
  matches(view: View): boolean;
  init(signal: AbortSignal, view: View): void | Promise<void>;
}

export class FeatureError extends Error {
  constructor(
    readonly feature: string,
    cause: unknown,
  ) {
    super(`[brody:${feature}] ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FeatureError';
  }
}

export type FeatureErrorReporter = (error: FeatureError) => void;

const reportToConsole: FeatureErrorReporter = (error) => console.error(error);

/**
 * Starts every matching feature, each in a task of its own, so the page can render between them
 * rather than wait for all of them after the script's own evaluation; resolves when all inits
 * settled. Never rejects.
 */
export async function runFeatures<View>(
  features: readonly Feature<View>[],
  view: View,
  signal: AbortSignal,
  report: FeatureErrorReporter = reportToConsole,
): Promise<string[]> {
  const started: string[] = [];
  await Promise.all(
    features.map(async (feature) => {
      try {
        if (signal.aborted || !feature.matches(view)) return;
        await nextTask();
        if (signal.aborted) return;
        await feature.init(signal, view);
        started.push(feature.name);
      } catch (error) {
        if (!signal.aborted) report(new FeatureError(feature.name, error));
      }
    }),
  );
  return started;
}

/**
 * Restarts the features whenever `onNavigate` fires: the previous run's signal is aborted first, so
 * its observers and listeners are gone before the new run starts.
 */
export function startFeatureRuns<View>(options: {
  features: readonly Feature<View>[];
  detectView: () => View;
  signal: AbortSignal;
  onNavigate: (restart: () => void, signal: AbortSignal) => void;
  report?: FeatureErrorReporter;
}): void {
  let current: AbortController | null = null;
  const restart = (): void => {
    current?.abort();
    if (options.signal.aborted) return;
    const run = new AbortController();
    current = run;
    options.signal.addEventListener('abort', () => run.abort(), { once: true, signal: run.signal });
    void runFeatures(options.features, options.detectView(), run.signal, options.report);
  };
  options.onNavigate(restart, options.signal);
  restart();
}
