import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfig } from './config.errors';
import { loadConfig } from './load-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'keyward-config-'));

describe('loadConfig', () => {
  it('defaults to the embedded store and generates key material with mode 0600', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      issuer: 'http://localhost:3000',
      eventStore: { kind: 'sqlite', path: join(dir, 'events.sqlite') },
      auditRelay: 'embedded',
    });
    expect(config.secretPepper).toHaveLength(32);
    expect(statSync(join(dir, 'secret-pepper.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'key-encryption.key')).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).secretPepper.equals(config.secretPepper)).toBe(true);
  });

  it('keeps token history 30 days by default, and never less than the longest access-token lifetime', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).tokenEventRetentionDays).toBe(30);
    expect(loadConfig({ DATA_DIR: dir, TOKEN_EVENT_RETENTION_DAYS: '1' }).tokenEventRetentionDays).toBe(1);
    expect(() => loadConfig({ DATA_DIR: dir, TOKEN_EVENT_RETENTION_DAYS: '0' })).toThrow(
      /TOKEN_EVENT_RETENTION_DAYS: 0 is shorter than the longest access-token lifetime \(86400 s\); at least 1/,
    );
    expect(() => loadConfig({ DATA_DIR: dir, TOKEN_EVENT_RETENTION_DAYS: 'a month' })).toThrow(
      /TOKEN_EVENT_RETENTION_DAYS: "a month" must be a whole number/,
    );
  });

  it('lists every bad value with its variable and reason', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dataDir(),
        PORT: 'eighty',
        ISSUER: 'ftp://x',
        EVENT_STORE: 'esdb',
        SIGNING_ALG: 'HS256',
        KAFKA_BROKERS: 'nohost',
        SECRET_PEPPER: 'c2hvcnQ=',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfig);
    const problems = (error as InvalidConfig).problems.join('\n');
    for (const name of ['PORT', 'ISSUER', 'EVENTSTORE_URL', 'SIGNING_ALG', 'KAFKA_BROKERS', 'SECRET_PEPPER'])
      expect(problems).toContain(name);
    expect(problems).not.toContain('c2hvcnQ=');
  });

  it('validates LOG_LEVEL and LOG_FORMAT; readable lines by default only at a terminal outside production, JSON lines otherwise', () => {
    const terminal = { isTTY: true };
    expect(loadConfig({ DATA_DIR: dataDir() }, terminal)).toMatchObject({ logLevel: 'info', logFormat: 'pretty' });
    expect(loadConfig({ DATA_DIR: dataDir() }, { isTTY: false })).toMatchObject({ logFormat: 'json' });
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' }, terminal)).toMatchObject({ logFormat: 'json' });
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' })).toMatchObject({
      logLevel: 'debug',
      logFormat: 'pretty',
    });
    expect(() => loadConfig({ DATA_DIR: dataDir(), LOG_LEVEL: 'verbose', LOG_FORMAT: 'xml' })).toThrow(
      /LOG_LEVEL: "verbose" must be one of fatal, error.*\n.*LOG_FORMAT: "xml" must be one of json, pretty/s,
    );
  });

  it('reads the production settings', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      PORT: '8080',
      EVENT_STORE: 'esdb',
      EVENTSTORE_URL: 'esdb+discover://node1:2113',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      ISSUER: 'https://auth.example.com/',
      SECRET_PEPPER: randomBytes(32).toString('base64'),
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    expect(config).toMatchObject({
      port: 8080,
      issuer: 'https://auth.example.com',
      eventStore: { kind: 'esdb', callTimeoutMs: 1500, readTimeoutMs: 5000 },
      kafka: { brokers: ['k1:9092', 'k2:9092'], sasl: { mechanism: 'scram-sha-512' } },
    });
  });

  it('takes the EventStoreDB call deadlines from the environment, within bounds', () => {
    const esdb = {
      DATA_DIR: dataDir(),
      EVENT_STORE: 'esdb',
      EVENTSTORE_URL: 'esdb://store:2113?tls=false',
      SECRET_PEPPER: randomBytes(32).toString('base64'),
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    expect(loadConfig({ ...esdb, EVENTSTORE_CALL_TIMEOUT_MS: '4000', EVENTSTORE_READ_TIMEOUT_MS: '9000' }).eventStore).toEqual({
      kind: 'esdb',
      url: 'esdb://store:2113?tls=false',
      callTimeoutMs: 4000,
      readTimeoutMs: 9000,
    });
    expect(() => loadConfig({ ...esdb, EVENTSTORE_CALL_TIMEOUT_MS: '10' })).toThrow(/EVENTSTORE_CALL_TIMEOUT_MS/);
  });

  it('requires the pepper and the key-encryption key with EventStoreDB, where replicas must share them', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), EVENT_STORE: 'esdb', EVENTSTORE_URL: 'esdb://store:2113?tls=false' })).toThrow(
      /SECRET_PEPPER: required with EVENT_STORE=esdb[\s\S]*KEY_ENCRYPTION_KEY: required with EVENT_STORE=esdb/,
    );
  });

  it('refuses a key file that does not hold 32 bytes instead of using a weak key', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'secret-pepper.key'), '');
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/secret-pepper.key: must hold base64 of 32 bytes \(holds 0\)/);
  });
});
