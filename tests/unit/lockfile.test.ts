/**
 * `npm ci` refuses a lock file that lacks an entry for any optional dependency, even one for another
 * platform. The registry reachable here serves only some platforms' builds, so `npm install` can
 * write such a lock; this test catches it before CI does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

describe('package-lock.json', () => {
  it('has an entry for every optional dependency of every locked package', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`])
          missing.push(`${path} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('marks platform builds with their os and cpu, so npm skips them elsewhere', () => {
    const biome = Object.entries(lock.packages).filter(([path]) =>
      path.startsWith('node_modules/@biomejs/cli-'),
    );
    expect(biome.length).toBeGreaterThan(1);
    for (const [, entry] of biome) {
      expect(entry.os?.length).toBe(1);
      expect(entry.cpu?.length).toBe(1);
    }
  });
});
