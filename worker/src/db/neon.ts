import { neon, Pool } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzleWebSocket } from 'drizzle-orm/neon-serverless';
import type { DatabaseHandle } from './database';
import * as schema from './schema';

/**
 * `http` sends each query as one stateless fetch, so a single instance may serve every request of a
 * Worker isolate. `websocket` keeps a Pool of sessions; on Workers such a Pool must not outlive the
 * request that opened it, so it suits Node and per-request use.
 */
export type NeonTransport = 'http' | 'websocket';

export function createNeonDatabase(url: string, transport: NeonTransport = 'http'): DatabaseHandle {
  if (transport === 'http') {
    return { db: drizzleHttp({ client: neon(url), schema }), kind: 'neon', close: async () => {} };
  }
  const pool = new Pool({ connectionString: url });
  // An idle session dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return { db: drizzleWebSocket({ client: pool, schema }), kind: 'neon', close: () => pool.end() };
}
