/**
 * Node entry: the same Hono app as the Worker, on node-postgres when DATABASE_URL is set and on
 * embedded PGlite otherwise. Migrations are applied before the first request is accepted.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { aiProviderFromEnv, aiSettingsFromEnv } from './ai/settings';
import { createApp } from './app';
import type { GoogleConfig, GoogleVerifier } from './auth/google';
import { issuePairingCode } from './auth/sessions';
import { ADMIN_SECRET_FILE, AUTH_SECRET_FILE, stateSecret } from './auth/state-files';
import { pairingLine } from './cli/start-message';
import { openDatabase } from './db/client';
import { parseEnv, rateLimitsFromEnv } from './env';
import { isLoopback, loopbackHosts } from './http/access';
import type { RateLimits } from './http/rate-limit';
import { API_VERSION } from './version';

export interface NodeServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  databaseUrl?: string;
  /** PGlite's directory; `memory://` keeps the database in memory. */
  dataDir?: string;
  allowedOrigins?: string[];
  /** Where the auth and admin secrets live (STATE_DIR). */
  stateDir?: string;
  /** Defaults to the env's limits. */
  rateLimits?: RateLimits;
  /** Defaults to GOOGLE_CLIENT_ID and GOOGLE_JWKS_URL when the client id is set. */
  google?: GoogleConfig | GoogleVerifier;
  quiet?: boolean;
}

export interface NodeServer {
  url: string;
  port: number;
  database: 'pglite' | 'postgres';
  /** The code made at start, `XXXX-XXXX`, valid ten minutes. */
  pairingCode: string;
  close(): Promise<void>;
}

export async function startNodeServer(opts: NodeServerOptions = {}): Promise<NodeServer> {
  const env = parseEnv(process.env);
  const quiet = opts.quiet ?? env.LOG_LEVEL === 'silent';
  const databaseUrl = opts.databaseUrl ?? env.DATABASE_URL;
  const dataDir = opts.dataDir ?? env.DATA_DIR;
  const handle = await openDatabase(
    databaseUrl !== undefined
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'pglite', dataDir: dataDir.startsWith('memory://') ? null : dataDir },
  );
  const database = handle.kind === 'postgres' ? 'postgres' : 'pglite';
  const stateDir = opts.stateDir ?? env.STATE_DIR;
  let authSecret: string;
  let adminSecret: string;
  let pairingCode: string;
  try {
    authSecret = env.AUTH_SECRET ?? (await stateSecret(stateDir, AUTH_SECRET_FILE));
    adminSecret = await stateSecret(stateDir, ADMIN_SECRET_FILE);
    pairingCode = (await issuePairingCode(handle.db)).code;
  } catch (error) {
    await handle.close();
    throw error;
  }
  const google =
    opts.google ??
    (env.GOOGLE_CLIENT_ID !== undefined
      ? { clientId: env.GOOGLE_CLIENT_ID, jwksUrl: env.GOOGLE_JWKS_URL }
      : undefined);

  const host = opts.host ?? env.HOST;
  // Filled once the port is known; until then nothing is listening to be asked.
  let allowedHosts: ReadonlySet<string> = new Set();
  const app = createApp({
    db: handle.db,
    database,
    allowedOrigins: opts.allowedOrigins ?? env.ALLOWED_ORIGINS,
    version: API_VERSION,
    ai: aiProviderFromEnv(env),
    aiSettings: aiSettingsFromEnv(env),
    ...(isLoopback(host) ? { allowedHosts: () => allowedHosts } : {}),
    authSecret,
    accessTokenSeconds: env.ACCESS_TOKEN_SECONDS,
    localAdminSecret: adminSecret,
    ...(google !== undefined ? { google } : {}),
    rateLimits: opts.rateLimits ?? rateLimitsFromEnv(env),
    clientIp: (c) => {
      try {
        return getConnInfo(c).remote.address ?? null;
      } catch {
        return null;
      }
    },
    reportError: (error) => {
      if (env.LOG_LEVEL !== 'silent') console.error('[api]', error);
    },
  });

  let server: Server;
  let address: AddressInfo;
  try {
    ({ server, address } = await listen(app.fetch, opts.port ?? env.PORT, host));
  } catch (error) {
    await handle.close();
    throw error;
  }
  allowedHosts = loopbackHosts(address.port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  if (!quiet) console.log(`[api] listening on ${url} (database: ${database})`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port: address.port,
    database,
    pairingCode,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets would otherwise hold close() open until they time out.
          server.closeAllConnections();
        });
        await handle.close();
      })();
      return closing;
    },
  };
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<{ server: Server; address: AddressInfo }> {
  return new Promise((resolve, reject) => {
    // The default adaptor creates a plain node:http server.
    const server = serve({ fetch, port, hostname }, (address) => resolve({ server, address })) as Server;
    server.once('error', reject);
  });
}

async function runFromCommandLine(): Promise<void> {
  const server = await startNodeServer();
  console.log(pairingLine(server.pairingCode));
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[api] ${signal}: shutting down`);
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('[api] shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}

const entryPath = process.argv[1];
if (entryPath !== undefined && import.meta.url === pathToFileURL(entryPath).href) {
  runFromCommandLine().catch((error: unknown) => {
    console.error('[api] failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
