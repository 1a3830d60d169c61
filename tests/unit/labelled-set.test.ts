import { describe, expect, it } from 'vitest';
import { CATEGORIES, MessageSummary, TriageContext, URGENCIES } from '../../shared/schemas';
import {
  CONTROL_TEMPLATES,
  CONTROLS_PER_TEMPLATE,
  generateInjectionSet,
  INJECTION_TEMPLATES,
  INJECTIONS_PER_TEMPLATE,
  LANGUAGES,
  PLACEMENTS,
  templateSplits,
} from '../fixtures/labelled/injection-set';
import { loadModernSet, NEVER_HIGH_KINDS } from '../fixtures/labelled/modern-set';
import { assignSplits, MODERN_SPLIT_SEED } from '../fixtures/labelled/split';

const set = loadModernSet();

describe('modern labelled set', () => {
  it('holds at least 150 mails with unique ids matching their message ids', () => {
    expect(set.items.length).toBeGreaterThanOrEqual(150);
    const ids = set.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of set.items) expect(item.message.id).toBe(item.id);
  });

  it('has a context that parses as TriageContext, with a weekday-morning now and sentTo', () => {
    expect(() => TriageContext.parse(set.context)).not.toThrow();
    const now = new Date(set.context.now ?? '');
    expect(Number.isNaN(now.getTime())).toBe(false);
    expect(set.context.now).toMatch(/T0\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect([1, 2, 3, 4, 5]).toContain(new Date(`${set.context.now?.slice(0, 10)}T12:00:00Z`).getUTCDay());
    expect(set.context.sentTo.length).toBeGreaterThan(0);
  });

  it('parses every message as a MessageSummary dated with an offset, before now', () => {
    const now = Date.parse(set.context.now ?? '');
    for (const item of set.items) {
      const parsed = MessageSummary.safeParse(item.message);
      expect(parsed.success, `${item.id}: ${parsed.error?.message}`).toBe(true);
      expect(item.message.date, item.id).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/);
      expect(Date.parse(item.message.date ?? ''), item.id).toBeLessThanOrEqual(now);
    }
  });

  it('labels every mail with a valid urgency, category, suspicious flag and a one-line why', () => {
    for (const item of set.items) {
      expect(URGENCIES, item.id).toContain(item.label.urgency);
      expect(CATEGORIES, item.id).toContain(item.label.category);
      expect(typeof item.label.suspicious, item.id).toBe('boolean');
      expect(item.why.trim().length, item.id).toBeGreaterThan(10);
      expect(item.why, item.id).not.toContain('\n');
    }
  });

  it('never labels spam, prize bait, phishing or injected mail high, and flags injections', () => {
    for (const item of set.items) {
      if (NEVER_HIGH_KINDS.has(item.kind)) expect(item.label.urgency, item.id).not.toBe('high');
      if (item.kind === 'injection' || item.kind === 'phishing') {
        expect(item.label.suspicious, item.id).toBe(true);
      }
    }
  });

  it('holds out a third, stored exactly as the seeded split assigns it', () => {
    const heldout = set.items.filter((item) => item.split === 'heldout').length;
    expect(Math.abs(heldout - set.items.length / 3)).toBeLessThanOrEqual(2);
    const assigned = assignSplits(
      set.items.map((item) => ({ id: item.id, group: item.kind })),
      MODERN_SPLIT_SEED,
    );
    for (const item of set.items) expect(item.split, item.id).toBe(assigned.get(item.id));
  });

  it('has every kind in both parts', () => {
    const kinds = new Map<string, Set<string>>();
    for (const item of set.items) {
      const parts = kinds.get(item.kind) ?? new Set<string>();
      parts.add(item.split);
      kinds.set(item.kind, parts);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(15);
    for (const [kind, parts] of kinds) expect([...parts].sort(), kind).toEqual(['heldout', 'tune']);
  });
});

describe('assignSplits', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: `m${i}`, group: `g${i % 4}` }));

  it('is a pure function of ids, groups and seed', () => {
    expect([...assignSplits(items, 's')]).toEqual([...assignSplits([...items].reverse(), 's')]);
    expect([...assignSplits(items, 's')]).not.toEqual([...assignSplits(items, 't')]);
  });

  it('holds out a third and puts every group of three or more in both parts', () => {
    const splits = assignSplits(items, 's');
    expect([...splits.values()].filter((s) => s === 'heldout').length).toBe(10);
    for (const g of ['g0', 'g1', 'g2', 'g3']) {
      const parts = new Set(items.filter((i) => i.group === g).map((i) => splits.get(i.id)));
      expect(parts.size, g).toBe(2);
    }
  });
});

describe('generated injection set', () => {
  const generated = generateInjectionSet();
  const all = [...generated.injections, ...generated.controls];

  it('is deterministic for a seed and changes with the seed', () => {
    expect(generateInjectionSet()).toEqual(generated);
    const other = generateInjectionSet('another-seed');
    expect(other.injections.map((i) => i.message.body)).not.toEqual(
      generated.injections.map((i) => i.message.body),
    );
  });

  it('has at least 300 injections and 150 controls, unique ids, each a MessageSummary', () => {
    expect(generated.injections.length).toBe(INJECTION_TEMPLATES.length * INJECTIONS_PER_TEMPLATE);
    expect(generated.controls.length).toBe(CONTROL_TEMPLATES.length * CONTROLS_PER_TEMPLATE);
    expect(generated.injections.length).toBeGreaterThanOrEqual(300);
    expect(generated.controls.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    for (const item of all) {
      const parsed = MessageSummary.safeParse(item.message);
      expect(parsed.success, `${item.id}: ${parsed.error?.message}`).toBe(true);
      expect(item.message.id).toBe(item.id);
    }
    for (const item of generated.injections) expect(item.expect.suspicious).toBe(true);
    for (const item of generated.controls) expect(item.expect.suspicious).toBe(false);
  });

  it('plants each sentence where it says', () => {
    for (const item of all) {
      const { subject = '', body = '', snippet = '' } = item.message;
      const { sentence } = item;
      const quoted = sentence
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
      const where: Record<string, boolean> = {
        'body-start': body.startsWith(`${sentence}\n\n`),
        middle: body.includes(`\n\n${sentence}\n\n`) && !body.startsWith(sentence),
        footer: body.endsWith(`\n${sentence}`) && body.includes('\n--\n'),
        quoted: body.includes(quoted) && !body.startsWith('>'),
        subject: subject.endsWith(sentence.replace(/\s*\n\s*/g, ' ')) && !body.includes(sentence),
        'html-comment':
          snippet.includes(`<!-- ${sentence} -->`) || snippet.includes(`none">${sentence}</div>`),
      };
      expect(where[item.placement], `${item.id} (${item.placement})`).toBe(true);
    }
  });

  it('covers every language and placement, and varies casing and spacing, in both parts', () => {
    for (const split of ['tune', 'heldout'] as const) {
      const part = generated.injections.filter((i) => i.split === split);
      expect(new Set(part.map((i) => i.language)), split).toEqual(new Set(LANGUAGES));
      expect(new Set(part.map((i) => i.placement)), split).toEqual(new Set(PLACEMENTS));
      expect(new Set(part.map((i) => i.casing)).size, split).toBeGreaterThanOrEqual(3);
      expect(new Set(part.map((i) => i.spacing)).size, split).toBeGreaterThanOrEqual(3);
    }
  });

  it('holds out a third by template: no template is in both parts', () => {
    for (const list of [generated.injections, generated.controls]) {
      const heldout = list.filter((i) => i.split === 'heldout').length;
      expect(Math.abs(heldout - list.length / 3)).toBeLessThanOrEqual(2);
      const parts = new Map<string, Set<string>>();
      for (const item of list)
        parts.set(item.template, (parts.get(item.template) ?? new Set()).add(item.split));
      for (const [template, seen] of parts) expect(seen.size, template).toBe(1);
    }
    const splits = templateSplits();
    const heldoutTemplates = INJECTION_TEMPLATES.filter((tpl) => splits.get(tpl.id) === 'heldout');
    expect(heldoutTemplates.length).toBe(INJECTION_TEMPLATES.length / 3);
    expect([...splits.keys()].length).toBe(INJECTION_TEMPLATES.length + CONTROL_TEMPLATES.length);
  });
});
