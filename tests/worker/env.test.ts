import { describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { parseEnv } from '../../worker/src/env';

describe('parseEnv', () => {
  it('fills the documented defaults', () => {
    expect(parseEnv({})).toEqual({
      DATA_DIR: '.data/pglite',
      PORT: 8787,
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: [EXTENSION_ORIGIN],
      LOG_LEVEL: 'info',
    });
  });

  it('reads a comma list of origins and treats empty values as unset', () => {
    const env = parseEnv({
      ALLOWED_ORIGINS: ' chrome-extension://a , chrome-extension://b,',
      PORT: '',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/brody',
    });
    expect(env.ALLOWED_ORIGINS).toEqual(['chrome-extension://a', 'chrome-extension://b']);
    expect(env.PORT).toBe(8787);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/brody');
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
