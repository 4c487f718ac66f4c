import { isAbsolute, join, resolve } from 'node:path';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type SigningAlgorithm } from '@keyward/domain';
import { InvalidConfig } from './config.errors';
import { loadOrCreateKeyFile } from './key-material';
import { readTlsConfig } from './tls-config';
import type { HttpLimits, KafkaConfig, KeywardConfig, MetricsExposure, RateLimitConfig } from './keyward-config';
import { parseTrustedProxies } from './trusted-proxies';

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the environment. The only place that knows variable names. */
export function loadConfig(env: Env = process.env, output: { readonly isTTY?: boolean } = process.stdout): KeywardConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '0.0.0.0');
  const dataDir = resolve(read.string('DATA_DIR', './data'));
  const consoleAssetsDir = resolve(read.string('CONSOLE_ASSETS_DIR', './dist/console'));
  const tlsConfig = readTlsConfig(env, problems, (env.TRUST_PROXY ?? '').trim() !== '');
  const issuer = read.url('ISSUER', `${tlsConfig.tls ? 'https' : 'http'}://localhost:${port}`);
  const eventStoreKind = read.oneOf('EVENT_STORE', ['sqlite', 'esdb'] as const, 'sqlite');
  const eventStoreUrl = env.EVENTSTORE_URL;
  if (eventStoreKind === 'esdb' && !eventStoreUrl)
    problems.push('EVENTSTORE_URL: required when EVENT_STORE=esdb (esdb://host:2113?tls=false, esdb+discover://…)');
  if (eventStoreUrl && !/^esdb(\+discover)?:\/\//.test(eventStoreUrl))
    problems.push('EVENTSTORE_URL: must start with esdb:// or esdb+discover://');
  const accessTokenTtlSeconds = read.integer('ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 86400);
  const tokenEventRetentionDays = readRetentionDays(read, problems, accessTokenTtlSeconds);
  const signingAlgorithm = read.oneOf('SIGNING_ALG', ['ES256', 'EdDSA', 'RS256'] as const, 'ES256') satisfies SigningAlgorithm;
  const signingKeyRotationDays = read.integer('SIGNING_KEY_ROTATION_DAYS', 30, 1, 365);
  const signingKeyPropagationSeconds = read.integer('SIGNING_KEY_PROPAGATION_SECONDS', 600, 0, 7 * 24 * 3600);
  const operatorOrganizationId = env.OPERATOR_ORGANIZATION_ID || undefined;
  if (operatorOrganizationId && !/^[0-9a-f-]{36}$/i.test(operatorOrganizationId))
    problems.push('OPERATOR_ORGANIZATION_ID: must be an organization id (a UUID)');
  const auditTopic = read.string('AUDIT_TOPIC', 'keyward.audit.v1');
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(auditTopic))
    problems.push('AUDIT_TOPIC: Kafka topic names use letters, digits, ".", "_" and "-" (at most 249)');
  const auditRelay = read.oneOf('AUDIT_RELAY', ['embedded', 'in-process', 'off'] as const, 'embedded');
  // A signed checkpoint of each organization's audit hash chain every N records or T seconds.
  const auditChainCheckpoint = {
    everyRecords: read.integer('AUDIT_CHAIN_CHECKPOINT_RECORDS', 1000, 1, 1_000_000),
    everySeconds: read.integer('AUDIT_CHAIN_CHECKPOINT_SECONDS', 10, 1, 86_400),
  };
  const logLevel = read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info');
  // Readable lines only for a person at a terminal; piped output (a collector, a file, a supervisor) gets
  // JSON lines, which also cost the token endpoint far less than formatting each request line on the main thread.
  const logFormat = read.oneOf(
    'LOG_FORMAT',
    ['json', 'pretty'] as const,
    env.NODE_ENV !== 'production' && output.isTTY === true ? 'pretty' : 'json',
  );
  const shutdownTimeoutMs = read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000);
  const kafka = readKafka(env, read, problems);
  const http = readHttpLimits(env, read, problems);
  const rateLimits = readRateLimits(read, problems);
  const metrics = readMetrics(env, read, problems, port);
  const secretPepper = read.key('SECRET_PEPPER', 32);
  const keyEncryptionKey = read.key('KEY_ENCRYPTION_KEY', 32, 32);

  // Replicas on a shared EventStoreDB must hash secrets and unseal signing keys alike: keys generated
  // per DATA_DIR would silently differ between them.
  if (eventStoreKind === 'esdb') {
    if (!env.SECRET_PEPPER)
      problems.push('SECRET_PEPPER: required with EVENT_STORE=esdb, the same on every replica (base64 of 32 random bytes)');
    if (!env.KEY_ENCRYPTION_KEY)
      problems.push('KEY_ENCRYPTION_KEY: required with EVENT_STORE=esdb, the same on every replica (base64 of 32 random bytes)');
  }
  // The deadlines of one EventStoreDB call (esdb-connection.ts): an append's bounds the token endpoint's 503 when a node hangs.
  const esdbCallTimeoutMs = read.integer('EVENTSTORE_CALL_TIMEOUT_MS', 1500, 100, 600_000);
  const esdbReadTimeoutMs = read.integer('EVENTSTORE_READ_TIMEOUT_MS', 5000, 100, 600_000);
  const federation = { allowInsecureIssuers: read.boolean('FEDERATION_ALLOW_INSECURE_ISSUERS', false) };
  if (problems.length > 0) throw new InvalidConfig(problems);
  return {
    port,
    host,
    dataDir,
    consoleAssetsDir,
    issuer: issuer.replace(/\/$/, ''),
    secretPepper: secretPepper ?? loadOrCreateKeyFile(dataDir, 'secret-pepper.key'),
    keyEncryptionKey: keyEncryptionKey ?? loadOrCreateKeyFile(dataDir, 'key-encryption.key'),
    eventStore:
      eventStoreKind === 'esdb'
        ? { kind: 'esdb', url: eventStoreUrl!, callTimeoutMs: esdbCallTimeoutMs, readTimeoutMs: esdbReadTimeoutMs }
        : { kind: 'sqlite', path: join(dataDir, 'events.sqlite') },
    accessTokenTtlSeconds,
    tokenEventRetentionDays,
    signingAlgorithm,
    signingKeyRotationDays,
    signingKeyPropagationSeconds,
    operatorOrganizationId,
    kafka,
    auditTopic,
    auditRelay,
    auditChainCheckpoint,
    logLevel,
    http,
    rateLimits,
    metrics,
    logFormat,
    ...tlsConfig,
    federation,
    shutdownTimeoutMs,
  };
}

function readRateLimits(read: EnvReader, problems: string[]): RateLimitConfig {
  const lockoutSeconds = read.integer('RATE_LIMIT_LOCKOUT_SECONDS', 10, 1, 86_400);
  const maxLockoutSeconds = read.integer('RATE_LIMIT_MAX_LOCKOUT_SECONDS', 900, 1, 86_400);
  if (maxLockoutSeconds < lockoutSeconds) problems.push('RATE_LIMIT_MAX_LOCKOUT_SECONDS: must not be below RATE_LIMIT_LOCKOUT_SECONDS');
  return {
    enabled: read.oneOf('RATE_LIMITS', ['on', 'off'] as const, 'on') === 'on',
    failuresBeforeLockout: read.integer('RATE_LIMIT_FAILURES_BEFORE_LOCKOUT', 5, 1, 1000),
    failureWindowSeconds: read.integer('RATE_LIMIT_FAILURE_WINDOW_SECONDS', 60, 1, 86_400),
    lockoutSeconds,
    maxLockoutSeconds,
    unknownClientRequestsPerSecond: read.integer('RATE_LIMIT_UNKNOWN_CLIENT_PER_SECOND', 10, 1, 100_000),
    organizationGrantsPerSecond: {
      free: read.integer('ORG_GRANTS_PER_SECOND_FREE', 20, 1, 1_000_000),
      standard: read.integer('ORG_GRANTS_PER_SECOND_STANDARD', 200, 1, 1_000_000),
      enterprise: read.integer('ORG_GRANTS_PER_SECOND_ENTERPRISE', 2000, 1, 1_000_000),
    },
    refusalWindowSeconds: read.integer('REFUSAL_WINDOW_SECONDS', 60, 1, 3600),
    replayClaimsPerOrganization: read.integer('REPLAY_CLAIMS_PER_ORGANIZATION', 50_000, 1, 10_000_000),
  };
}

function readHttpLimits(env: Env, read: EnvReader, problems: string[]): HttpLimits {
  const { proxies, problems: proxyProblems } = parseTrustedProxies(env.TRUST_PROXY ?? '');
  problems.push(...proxyProblems);
  const headersTimeoutMs = read.integer('HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = read.integer('HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  // Node refuses a headers timeout above the request timeout (the request includes its headers).
  if (headersTimeoutMs > requestTimeoutMs) problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: read.integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: read.integer('HTTP_MAX_CONNECTIONS', 4096, 1, 1_000_000),
    trustProxy: proxies,
  };
}

function readMetrics(env: Env, read: EnvReader, problems: string[], port: number): MetricsExposure {
  const metricsPort = env.METRICS_PORT ? read.integer('METRICS_PORT', 0, 0, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port)
    problems.push('METRICS_PORT: must differ from PORT (metrics stay off the public listener)');
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && token.length < 32) problems.push('METRICS_TOKEN: must be at least 32 characters');
  return { port: metricsPort, host: read.string('METRICS_HOST', '127.0.0.1'), token };
}

const DAY_SECONDS = 86_400;

/** A revocation must outlive the token it revokes: the window is never shorter than the longest lifetime. */
function readRetentionDays(read: EnvReader, problems: string[], accessTokenTtlSeconds: number): number {
  const days = read.integer('TOKEN_EVENT_RETENTION_DAYS', 30, 0, 3650);
  const longestLifetimeSeconds = Math.max(accessTokenTtlSeconds, ACCESS_TOKEN_LIFETIME_SECONDS.max);
  const shortest = Math.ceil(longestLifetimeSeconds / DAY_SECONDS);
  if (days < shortest)
    problems.push(
      `TOKEN_EVENT_RETENTION_DAYS: ${days} is shorter than the longest access-token lifetime (${longestLifetimeSeconds} s); at least ${shortest}`,
    );
  return days;
}

function readKafka(env: Env, read: EnvReader, problems: string[]): KafkaConfig | undefined {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return undefined;
  for (const broker of brokers) if (!/^[^:\s]+:\d{1,5}$/.test(broker)) problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
  const mechanism = env.KAFKA_SASL_MECHANISM
    ? read.oneOf('KAFKA_SASL_MECHANISM', ['plain', 'scram-sha-256', 'scram-sha-512'] as const, 'plain')
    : undefined;
  if (mechanism && (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD))
    problems.push('KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: both required with KAFKA_SASL_MECHANISM');
  const sslCaFile = env.KAFKA_SSL_CA_FILE;
  if (sslCaFile && !isAbsolute(sslCaFile)) problems.push('KAFKA_SSL_CA_FILE: must be an absolute path');
  return {
    brokers,
    clientId: read.string('KAFKA_CLIENT_ID', 'keyward'),
    topicPartitions: read.integer('AUDIT_TOPIC_PARTITIONS', 6, 1, 1000),
    ssl: read.boolean('KAFKA_SSL', false),
    sslCaFile,
    sasl: mechanism ? { mechanism, username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' } : undefined,
  };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') return fallback;
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name}: "${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problems.push(`${name}: "${raw}" must be true or false`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: "${raw}" must be one of ${allowed.join(', ')}`);
    return fallback;
  }

  url(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      if (url.search || url.hash) throw new Error('query');
      return raw;
    } catch {
      this.problems.push(`${name}: "${raw}" must be an http(s) URL without query or fragment (RFC 8414 §2)`);
      return fallback;
    }
  }

  /** A base64 key of at least `min` bytes; the value itself never goes into an error message. */
  key(name: string, min: number, exact?: number): Buffer | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return undefined;
    const key = Buffer.from(raw, 'base64');
    if (key.length < min || (exact !== undefined && key.length !== exact)) {
      this.problems.push(`${name}: must be base64 of ${exact ?? `at least ${min}`} random bytes (got ${key.length} bytes)`);
      return undefined;
    }
    return key;
  }
}
