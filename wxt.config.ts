import { defineConfig } from 'wxt';
import { manifestCommands } from './extension/platform/shortcuts';
import { EXTENSION_PUBLIC_KEY } from './shared/extension-identity';

export default defineConfig({
  srcDir: 'extension',
  // Static files (the notification icon) live with the extension's sources, not in a top-level folder.
  publicDir: 'extension/public',
  modules: ['@wxt-dev/module-react'],
  // Tests and CI drive Debian's Chromium through Playwright; dev mode must not try to launch one.
  webExt: { disabled: true },
  manifest: {
    name: 'Brody',
    description: 'Urgency badges and reasons on your Gmail inbox, from local rules and your Brody API.',
    key: EXTENSION_PUBLIC_KEY,
    // alarms: sync wakes the service worker every minute to push what waits and pull what changed.
    // It shows no install warning, so it is required rather than asked for.
    permissions: ['storage', 'alarms'],
    host_permissions: [
      'https://mail.google.com/*',
      'https://calendar.google.com/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ],
    // Asked at run time, only when the user points Brody at a deployed API.
    optional_host_permissions: ['https://*/*'],
    // notifications: asked for when the user turns on the daily digest or urgent-mail alerts;
    // identity: when the user signs in with Google (a deployed API).
    optional_permissions: ['notifications', 'identity'],
    // Rebindable at chrome://extensions/shortcuts.
    commands: manifestCommands(),
  },
});
