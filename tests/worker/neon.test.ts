/**
 * The API on Neon's own driver, pointed at the local PostgreSQL through a relay: over HTTP (`neon()`,
 * what the Cloudflare entry uses) and over WebSockets (the driver's Pool).
 */
import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../worker/src/db/client';
import { createNeonDatabase, type NeonTransport } from '../../worker/src/db/neon';
import { type NeonRelay, startNeonRelay } from '../support/neon-relay';
import { createTestDatabase } from '../support/postgres';
import { defineApiSuite } from './api-suite';

let relay: NeonRelay;
beforeAll(async () => {
  relay = await startNeonRelay();
});
afterAll(async () => {
  await relay?.close();
});

function openNeon(transport: NeonTransport) {
  return async () => {
    const testDb = await createTestDatabase(`api_neon_${transport}`);
    if (testDb.kind !== 'postgres') {
      throw new Error('The Neon suite needs the local PostgreSQL server behind its relay');
    }
    // Production applies migrations with drizzle-kit before deploy; here the same files go in first.
    const migrator = await openDatabase({ kind: 'postgres', url: testDb.url });
    await migrator.close();
    const handle = await openDatabase({ kind: 'neon', url: relay.connectionString(testDb.name), transport });
    const url = relay.connectionString(testDb.name);
    return {
      handle,
      // The Worker's way on neon-http: a WebSocket Pool per signed-in request, for its transaction.
      ...(transport === 'http'
        ? {
            perRequestDatabase: () => {
              const scoped = createNeonDatabase(url, 'websocket');
              return { db: scoped.db, close: scoped.close };
            },
          }
        : {}),
      async cleanup() {
        await handle.close();
        await testDb.drop();
      },
    };
  };
}

defineApiSuite('Neon over HTTP (neon-http)', 'neon', openNeon('http'));
defineApiSuite('Neon over WebSockets (Pool)', 'neon', openNeon('websocket'));
