/**
 * The API for the load bench, in its own process as `npm start` runs it: the load generator then
 * shares the machine with the server, as the target says, but not its event loop. Prints one JSON
 * line `{url, pairingCode}` once listening; stops on SIGTERM.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer } from '../../worker/src/node';

const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const server = await startNodeServer({
  port: 0,
  databaseUrl,
  dataDir: 'memory://',
  stateDir: await mkdtemp(join(tmpdir(), 'brody-bench-')),
  // Fifty clients on one address are the bench, not an abuser.
  rateLimits: null,
  quiet: true,
});
process.stdout.write(`${JSON.stringify({ url: server.url, pairingCode: server.pairingCode })}\n`);
process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
