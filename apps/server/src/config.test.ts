import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, cliLogLevelFromEnv, loadConfig } from './config';

describe('loadConfig', () => {
  it('needs no outside service by default: embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ driver: 'pglite', dataDir: path.resolve('data/db') });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/banso', BANSO_PG_POOL: '4' });
    expect(config.database).toEqual({
      driver: 'postgres',
      url: 'postgres://u@db:5432/banso',
      poolSize: 4,
    });
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        BANSO_SESSION_HOURS: '0',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BANSO_SESSION_HOURS'])
        expect(problems).toContain(name);
    }
  });
});

describe('cliLogLevelFromEnv', () => {
  it('defaults to warn and ignores an invalid LOG_LEVEL', () => {
    expect(cliLogLevelFromEnv({})).toBe('warn');
    expect(cliLogLevelFromEnv({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(cliLogLevelFromEnv({ LOG_LEVEL: 'loud' })).toBe('warn');
  });
});
