import { describe, expect, it } from 'vitest';
import { capToBudget, cutMarker } from '../../shared/untrusted/budget';

describe('capToBudget', () => {
  it('leaves text within budget untouched', () => {
    expect(capToBudget('short text', 10)).toEqual({ text: 'short text', cut: 0 });
  });

  it('cuts at a word boundary and marks how much was cut', () => {
    const text = 'alpha beta gamma delta epsilon';
    const result = capToBudget(text, 3); // 12 characters
    expect(result.text).toBe(`alpha beta\n${cutMarker(text.length - 'alpha beta'.length)}`);
    expect(result.cut).toBe(20);
  });

  it('does not split a surrogate pair', () => {
    const result = capToBudget(`${'😀'.repeat(10)}`, 1.25); // 5 UTF-16 units: two emoji and a half
    expect(result.text.startsWith('😀😀\n')).toBe(true);
  });

  it('caps a 25 MB body fast', () => {
    const body = 'word '.repeat(5 * 1024 * 1024);
    const started = performance.now();
    const result = capToBudget(body, 1_000);
    expect(performance.now() - started).toBeLessThan(100);
    expect(result.text.length).toBeLessThan(4_100);
    expect(result.text).toMatch(/\[… cut: \d+ more characters\]$/);
    expect(result.cut).toBeGreaterThan(body.length - 4_100);
  });
});
