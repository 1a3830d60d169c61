import { describe, expect, it } from 'vitest';
import { boundKeysIn } from '../../extension/platform/command-names';

describe('the commands-list answer, checked in the page without zod', () => {
  it('keeps string keys of a well-formed answer and drops everything else', () => {
    expect(boundKeysIn({ ok: true, bound: { 'add-task': 'Alt+Shift+K', _execute_action: '' } })).toEqual({
      'add-task': 'Alt+Shift+K',
      _execute_action: '',
    });
    expect(boundKeysIn({ ok: true, bound: { 'add-task': 42, x: 'y'.repeat(200) } })).toEqual({});
    for (const bad of [
      null,
      undefined,
      'x',
      { ok: false, bound: { a: 'b' } },
      { ok: true, bound: null },
      { rejected: true },
    ])
      expect(boundKeysIn(bad)).toEqual({});
  });
});
