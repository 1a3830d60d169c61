import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Database, DatabaseHandle } from './database';
import { MIGRATIONS_FOLDER } from './migrations-folder';
import * as schema from './schema';
import { APP_ROLE } from './user-scope';

/** `dataDir` null keeps the database in memory (tests); otherwise it persists in that directory. */
export async function openPgliteDatabase(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const client = dataDir === null ? new PGlite() : new PGlite(dataDir);
  const db = drizzle({ client, schema });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
    forUser: (userId) => scopedDatabase(client, userId),
  };
}

/** A drizzle database over `client` whose every statement runs in a transaction scoped to `userId`. */
function scopedDatabase(client: PGlite, userId: string): Database {
  const scope = (tx: Transaction) =>
    tx.query(`select set_config('role', $1, true), set_config('brody.user_id', $2, true)`, [
      APP_ROLE,
      userId,
    ]);
  const scoped = {
    query: (query: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]) =>
      client.transaction(async (tx) => {
        await scope(tx);
        return tx.query(query, params, options);
      }),
    transaction: <T>(work: (tx: Transaction) => Promise<T>) =>
      client.transaction(async (tx) => {
        await scope(tx);
        return work(tx);
      }),
  };
  return drizzle({ client: scoped as unknown as PGlite, schema }) as unknown as Database;
}
