import { describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { LIMITS } from '../../shared/limits';
import { aiProviderFromEnv, aiSettingsFromEnv } from '../../worker/src/ai/settings';
import { parseEnv } from '../../worker/src/env';

describe('parseEnv', () => {
  it('fills the documented defaults', () => {
    expect(parseEnv({})).toEqual({
      DATA_DIR: '.data/pglite',
      PORT: 8787,
      HOST: '127.0.0.1',
      ALLOWED_ORIGINS: [EXTENSION_ORIGIN],
      LOG_LEVEL: 'info',
      AI_MODEL: 'gpt-4o-mini',
      AI_DAILY_TOKEN_BUDGET: 200_000,
      AI_TIMEOUT_MS: 20_000,
      AI_CONCURRENCY: 8,
      AI_BATCH_SIZE: 20,
      ACCESS_TOKEN_SECONDS: 900,
      GOOGLE_JWKS_URL: 'https://www.googleapis.com/oauth2/v3/certs',
      STATE_DIR: '.data',
      RATE_LIMIT_PER_MINUTE: 600,
      SIGN_IN_LIMIT_PER_HOUR: 120,
    });
  });

  it('refuses an AUTH_SECRET shorter than 32 characters', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ AUTH_SECRET: 'x'.repeat(32) }).AUTH_SECRET).toBe('x'.repeat(32));
  });

  it('reads the AI settings; no key means AI is unconfigured', () => {
    const env = parseEnv({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      AI_MODEL: 'llama3.1',
      AI_DAILY_TOKEN_BUDGET: '5000',
      AI_BATCH_SIZE: '10',
    });
    expect(env).toMatchObject({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      AI_MODEL: 'llama3.1',
      AI_DAILY_TOKEN_BUDGET: 5000,
      AI_BATCH_SIZE: 10,
    });
    const provider = aiProviderFromEnv(env);
    expect(provider?.model).toBe('llama3.1');
    expect(provider?.endpointHost).toBe('127.0.0.1:11434');
    expect(aiSettingsFromEnv(env)).toEqual({
      model: 'llama3.1',
      dailyTokenBudget: 5000,
      batchSize: 10,
      concurrency: 8,
      requestBudgetMs: LIMITS.aiRequestBudgetMs,
    });
    expect(aiProviderFromEnv(parseEnv({ OPENAI_API_KEY: '' }))).toBeNull();
    expect(() => parseEnv({ AI_BATCH_SIZE: '0' })).toThrow(/AI_BATCH_SIZE/);
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
