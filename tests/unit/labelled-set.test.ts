import { describe, expect, it } from 'vitest';
import { CATEGORIES, MessageSummary, TriageContext, URGENCIES } from '../../shared/schemas';
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
