/**
 * `npm start`: build the extension, start the local API, and tell the user how to load the extension.
 * Configuration comes from the environment through the API's own env parser (PORT, DATABASE_URL, ...).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startNodeServer } from '../node';

const extensionDir = resolve('.output/chrome-mv3');

console.log('Building the extension…');
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The extension did not build; see the output above.');
  process.exit(build.status ?? 1);
}

const server = await startNodeServer();

console.log(`
Brody is ready.

  API       ${server.url}  (database: ${server.database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})
  Health    ${server.url}/healthz

Load the extension in Chrome or Chromium:
  1. Open chrome://extensions
  2. Turn on "Developer mode" (top right)
  3. Click "Load unpacked" and choose:
       ${extensionDir}
  4. Open https://mail.google.com: every thread row gets an urgency badge.

Press Ctrl+C to stop the API.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
