import { describe, expect, it } from 'vitest';
import { prepareForModel } from '../../shared/untrusted';
import { htmlToText } from '../../shared/untrusted/html-to-text';
import { detectInjection } from '../../shared/untrusted/injection';
import { sanitizeModelText } from '../../shared/untrusted/output';
import { redact } from '../../shared/untrusted/redact';

const SIZE = 128 * 1024;

/** Shapes that make backtracking regular expressions or naive parsers go quadratic. */
const HOSTILE: Record<string, string> = {
  'letters without @': 'a'.repeat(SIZE),
  'digits only': '1'.repeat(SIZE),
  'dotted labels': 'a.'.repeat(SIZE / 2),
  'dashed digits': '12-'.repeat(SIZE / 3),
  'at then dots': `x@${'a.'.repeat(SIZE / 2)}`,
  'host-like run': `${'a.b.'.repeat(SIZE / 4)}com/`,
  'open brackets': '[x]('.repeat(SIZE / 4),
  'open images': '![x]['.repeat(SIZE / 5),
  'open parens': `[x](${'('.repeat(SIZE)}`,
  'open tags': '<a '.repeat(SIZE / 3),
  'open quotes in tags': '<a title="'.repeat(SIZE / 10),
  'open comments': '<!--'.repeat(SIZE / 4),
  'unclosed style': `<style>${'.a{display:none}'.repeat(SIZE / 16)}`,
  'entity soup': '&#&#x&amp'.repeat(SIZE / 9),
  'keyword soup': 'token: password: key= '.repeat(SIZE / 22),
  'deep nesting': '<div style="display:none">'.repeat(SIZE / 26),
};

describe('hostile input shapes stay linear', () => {
  it.each(Object.entries(HOSTILE))('%s', (_name, text) => {
    const started = performance.now();
    redact(text);
    detectInjection(text);
    sanitizeModelText(text, '');
    htmlToText(text);
    prepareForModel({
      subject: text.slice(0, 1_000),
      from: text.slice(0, 300),
      body: text,
      bodyIsHtml: true,
      participants: [],
      maxTokens: 800,
    });
    // Quadratic behaviour at this size takes seconds; linear takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('never throws on random markup', () => {
    const alphabet = [
      '<',
      '>',
      '/',
      '"',
      "'",
      '=',
      ' ',
      'a',
      'p',
      'style',
      'display:none',
      '&',
      '#',
      ';',
      '\n',
      '!--',
      '\u200B',
      '\u202E',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: 200 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      const prepared = prepareForModel({
        subject: text,
        from: text,
        body: text,
        bodyIsHtml: true,
        participants: [],
        maxTokens: 100,
      });
      expect(prepared.body).not.toMatch(/[\u200B\u202E]/);
      expect(prepared.subject).not.toMatch(/[\u200B\u202E]/);
    }
  });
});
