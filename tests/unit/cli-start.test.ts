import { describe, expect, it } from 'vitest';
import { DEFAULT_API_URL } from '../../shared/extension-identity';
import { startMessage } from '../../worker/src/cli/start-message';

const base = {
  database: 'pglite' as const,
  extensionDir: '/repo/.output/chrome-mv3',
  pairingCode: 'ABCD-EF23',
};

describe('npm start', () => {
  it('on the default address, says nothing about the options page', () => {
    const text = startMessage({ ...base, url: DEFAULT_API_URL });
    expect(text).toContain(`API       ${DEFAULT_API_URL}`);
    expect(text).not.toContain('Options');
  });

  it('on another port (PORT set), tells the user to point the options page at it', () => {
    const text = startMessage({ ...base, url: 'http://127.0.0.1:9999' });
    expect(text).toContain(`not at the extension's default address (${DEFAULT_API_URL})`);
    expect(text).toMatch(/Options, set API URL to\s+http:\/\/127\.0\.0\.1:9999\s+and press Save/);
  });

  it('prints the pairing code on a line of its own, exactly `Pairing code: XXXX-XXXX`', () => {
    const text = startMessage({ ...base, url: DEFAULT_API_URL });
    expect(text.split('\n')).toContain('Pairing code: ABCD-EF23');
    expect(text).toContain('npm run pair');
  });
});
