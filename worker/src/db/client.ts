import type { DatabaseHandle } from './database';
import type { NeonTransport } from './neon';

export type { Database, DatabaseHandle, DatabaseKind } from './database';

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string }
  | { kind: 'neon'; url: string; transport?: NeonTransport };

/**
 * Opens any of the three databases. Drivers load lazily so a process only pulls in the one it uses.
 * PGlite and node-postgres apply migrations on open; Neon's are applied with `drizzle-kit migrate`.
 */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.kind) {
    case 'pglite': {
      const { openPgliteDatabase } = await import('./pglite');
      return openPgliteDatabase(config.dataDir);
    }
    case 'postgres': {
      const { openPostgresDatabase } = await import('./postgres');
      return openPostgresDatabase(config.url);
    }
    case 'neon': {
      const { createNeonDatabase } = await import('./neon');
      return createNeonDatabase(config.url, config.transport);
    }
  }
}
