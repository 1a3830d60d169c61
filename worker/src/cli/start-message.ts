/**
 * What `npm start` prints once the API listens. The extension looks for the API at its default
 * address, so an API on any other address must say where the user points the extension.
 */
import { DEFAULT_API_URL } from '../../../shared/extension-identity';

/** The line `npm start` and `npm run pair` print; the extension's sign-in asks for this code. */
export function pairingLine(code: string): string {
  return `Pairing code: ${code}`;
}

export function startMessage(options: {
  url: string;
  database: 'pglite' | 'postgres';
  extensionDir: string;
  pairingCode: string;
}): string {
  const { url, extensionDir } = options;
  const elsewhere =
    new URL(url).origin === new URL(DEFAULT_API_URL).origin
      ? ''
      : `
  This API is not at the extension's default address (${DEFAULT_API_URL}).
  Point the extension at it: right-click the Brody icon → Options, set API URL to
       ${url}
  and press Save. Until then, badges use local rules only.
`;
  return `
Brody is ready.

  API       ${url}  (database: ${options.database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})
  Health    ${url}/healthz
${elsewhere}
Load the extension in Chrome or Chromium:
  1. Open chrome://extensions
  2. Turn on "Developer mode" (top right)
  3. Click "Load unpacked" and choose:
       ${extensionDir}
  4. Open https://mail.google.com: every thread row gets an urgency badge.
  5. Sign the extension in: its popup's "Sign in" (or its options page, Account) takes this code,
     valid 10 minutes, for any of your browsers:

${pairingLine(options.pairingCode)}

  A new code any time, while the API runs: npm run pair

Press Ctrl+C to stop the API.
`;
}
