import { describe, expect, it } from 'vitest';
import { lazyPhraseRegex, phraseRegex } from '../../shared/triage/phrase-trie';

describe('phraseRegex', () => {
  it('finds every listed phrase on word boundaries, including phrases that prefix others', () => {
    const re = phraseRegex(['account locked', 'account', 'verify your account']);
    expect('please verify your account; account locked. accounts'.match(re)).toEqual([
      'verify your account',
      'account locked',
    ]);
    expect('myaccount'.match(re)).toBeNull();
  });

  it('escapes regex syntax in phrases', () => {
    const re = phraseRegex(['a.b c', 'x+y z']);
    expect('a.b c and x+y z'.match(re)).toEqual(['a.b c', 'x+y z']);
    expect('axb c'.match(re)).toBeNull();
  });
});

describe('lazyPhraseRegex', () => {
  it('builds nothing until first used, then builds once', () => {
    let built = 0;
    const get = lazyPhraseRegex(() => {
      built += 1;
      return ['wire transfer'];
    });
    expect(built).toBe(0);
    expect('urgent wire transfer'.match(get())).toEqual(['wire transfer']);
    expect(get()).toBe(get());
    expect(built).toBe(1);
  });
});
