/**
 * `npm start`: build the extension, start the local API, and tell the user how to load the extension.
 * Configuration comes from the environment through the API's own env parser (PORT, DATABASE_URL, ...).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startNodeServer } from '../node';
import { startMessage } from './start-message';

const extensionDir = resolve('.output/chrome-mv3');

console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The extension did not build; see the output above.');
  process.exit(build.status ?? 1);
}

const server = await startNodeServer();

console.log(
  startMessage({
    url: server.url,
    database: server.database,
    extensionDir,
    pairingCode: server.pairingCode,
  }),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
