import type { Plan, SigningAlgorithm } from '@keyward/domain';
import type { MutualTlsConfig, TlsConfig } from './tls-config';
import type { TrustedProxies } from './trusted-proxies';

/** Everything keyward reads from its environment, validated once at boot. */
export interface KeywardConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The admin console's built assets (`npm run build:console`), served at /console. */
  readonly consoleAssetsDir: string;
  readonly issuer: string;
  /** HMAC key for secret and token digests (32+ bytes). */
  readonly secretPepper: Buffer;
  /** AES-256-GCM key that encrypts signing keys at rest (32 bytes). */
  readonly keyEncryptionKey: Buffer;
  readonly eventStore:
    | { readonly kind: 'sqlite'; readonly path: string }
    | { readonly kind: 'esdb'; readonly url: string; readonly callTimeoutMs: number; readonly readTimeoutMs: number };
  readonly accessTokenTtlSeconds: number;
  /**
   * Token history (AccessTokenIssued, TokenRequestRefused, AccessTokenRevoked) is kept this long, and
   * never removed before the audit relay published it. At least the longest access-token lifetime,
   * so a revocation outlives the token it revokes.
   */
  readonly tokenEventRetentionDays: number;
  readonly signingAlgorithm: SigningAlgorithm;
  /** Scheduled rotation: the active signing key is replaced after this many days. */
  readonly signingKeyRotationDays: number;
  /** Publish before sign: a new key is in the JWKS this long before it signs. */
  readonly signingKeyPropagationSeconds: number;
  /** The organization whose admins may rotate the server's signing keys over the admin API (the CLI always may). */
  readonly operatorOrganizationId?: string;
  readonly kafka?: KafkaConfig;
  readonly auditTopic: string;
  /**
   * Run the audit relay inside this process on its own worker thread (default), on the main thread
   * (`in-process`: one thread fewer, for one-core hosts), or leave it to a separate `audit-relay` process.
   */
  readonly auditRelay: 'embedded' | 'in-process' | 'off';
  /** AUDIT_CHAIN_CHECKPOINT_RECORDS, AUDIT_CHAIN_CHECKPOINT_SECONDS: when each audit chain gets a signed checkpoint. */
  readonly auditChainCheckpoint: { readonly everyRecords: number; readonly everySeconds: number };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly http: HttpLimits;
  readonly rateLimits: RateLimitConfig;
  readonly metrics: MetricsExposure;
  /** JSON lines for log collectors (default with NODE_ENV=production), readable lines for people. */
  readonly logFormat: 'json' | 'pretty';
  /** On SIGTERM, how long in-flight requests and the relay's last publish may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** Set when keyward terminates TLS itself (TLS_CERT_FILE, TLS_KEY_FILE). */
  readonly tls?: TlsConfig;
  readonly mtls: MutualTlsConfig;
  readonly federation: FederationConfig;
}

/** Workload identity federation. */
export interface FederationConfig {
  /** FEDERATION_ALLOW_INSECURE_ISSUERS: http issuers, for local development and tests only (logged at start). */
  readonly allowInsecureIssuers: boolean;
}

/** The OAuth endpoints' limits, per replica (docs/rate-limits.md). */
export interface RateLimitConfig {
  readonly enabled: boolean;
  readonly failuresBeforeLockout: number;
  readonly failureWindowSeconds: number;
  readonly lockoutSeconds: number;
  readonly maxLockoutSeconds: number;
  readonly unknownClientRequestsPerSecond: number;
  readonly organizationGrantsPerSecond: Readonly<Record<Plan, number>>;
  /** Repeated refusals of one client or address within this window are recorded as one event with a count. */
  readonly refusalWindowSeconds: number;
  /**
   * Live one-time identifiers (assertion and DPoP jti, federated jti) one organization may hold: beyond it,
   * that organization alone gets 503 (docs/rate-limits.md). Counted over all replicas: they share the claims.
   */
  readonly replayClaimsPerOrganization: number;
}

/** What one connection may hold of the server: slow clients are cut, the number of sockets is capped. */
export interface HttpLimits {
  /** Time to receive the request line and headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request, body included (a trickled body is cut here). */
  readonly requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Sockets open at once; more are refused at accept. */
  readonly maxConnections: number;
  readonly trustProxy: TrustedProxies;
}

/** /metrics shows volume across tenants: on its own listener, or on the public one behind a bearer token, never open there. */
export interface MetricsExposure {
  readonly port?: number;
  readonly host: string;
  readonly token?: string;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topicPartitions: number;
  readonly ssl: boolean;
  readonly sslCaFile?: string;
  readonly sasl?: { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
}
