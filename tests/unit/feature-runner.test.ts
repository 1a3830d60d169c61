import { describe, expect, it } from 'vitest';
import { type Feature, runFeatures } from '../../extension/platform/feature-runner';

const feature = (name: string, log: string[], matches = true): Feature<null> => ({
  name,
  matches: () => matches,
  init: () => {
    log.push(name);
  },
});

describe('runFeatures', () => {
  it('starts each matching feature in a task of its own, not in the caller’s task', async () => {
    const log: string[] = [];
    const done = runFeatures(
      [feature('a', log), feature('b', log), feature('c', log, false)],
      null,
      new AbortController().signal,
    );
    log.push('caller');
    await Promise.resolve();
    expect(log).toEqual(['caller']);
    expect(await done).toEqual(['a', 'b']);
    expect(log).toEqual(['caller', 'a', 'b']);
  });

  it('starts nothing once the run was aborted before its task came', async () => {
    const log: string[] = [];
    const run = new AbortController();
    const done = runFeatures([feature('a', log)], null, run.signal);
    run.abort();
    expect(await done).toEqual([]);
    expect(log).toEqual([]);
  });

  it('reports a feature that throws under its name and starts the others', async () => {
    const errors: string[] = [];
    const log: string[] = [];
    const broken: Feature<null> = {
      name: 'broken',
      matches: () => true,
      init: () => {
        throw new Error('no');
      },
    };
    const started = await runFeatures(
      [broken, feature('a', log)],
      null,
      new AbortController().signal,
      (error) => errors.push(error.message),
    );
    expect(started).toEqual(['a']);
    expect(errors).toEqual(['[brody:broken] no']);
  });
});
