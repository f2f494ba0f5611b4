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

describe('the bounded wait for the database', () => {
  it('defaults per driver, takes the variables and refuses nonsense', () => {
    expect(loadConfig({}).admission).toEqual({ maxActive: 8, maxQueue: 64, maxWaitMs: 2000 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', BANSO_PG_POOL: '5' }).admission).toEqual(
      { maxActive: 10, maxQueue: 1000, maxWaitMs: 10_000 },
    );
    expect(
      loadConfig({ BANSO_DB_ACTIVE: '2', BANSO_DB_QUEUE: '0', BANSO_DB_WAIT_MS: '500' }).admission,
    ).toEqual({ maxActive: 2, maxQueue: 0, maxWaitMs: 500 });
    expect(() => loadConfig({ BANSO_DB_ACTIVE: '0', BANSO_DB_QUEUE: '-1' })).toThrow(
      /BANSO_DB_ACTIVE[\s\S]*BANSO_DB_QUEUE/,
    );
  });
});

describe('cliLogLevelFromEnv', () => {
  it('defaults to warn and ignores an invalid LOG_LEVEL', () => {
    expect(cliLogLevelFromEnv({})).toBe('warn');
    expect(cliLogLevelFromEnv({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(cliLogLevelFromEnv({ LOG_LEVEL: 'loud' })).toBe('warn');
  });
});
