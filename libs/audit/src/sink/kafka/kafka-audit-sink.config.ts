export const DEFAULT_AUDIT_TOPIC = 'keyward.audit.v1';

export interface KafkaAuditSinkConfig {
  /** `host:port` bootstrap addresses. */
  readonly brokers: readonly string[];
  /** Default `keyward.audit.v1`. */
  readonly topic?: string;
  /** Default `keyward-audit-relay`. */
  readonly clientId?: string;
  /** Partitions of the topic when the sink creates it. Default 6. */
  readonly topicPartitions?: number;
  /** Replicas of the topic when the sink creates it. Default: the cluster's default.replication.factor. */
  readonly topicReplicationFactor?: number;
  /** TLS to the brokers; with no CA, the system trust store verifies them. */
  readonly ssl?: boolean;
  /** PEM of the CA that signed the brokers' certificates. */
  readonly sslCa?: string | Buffer;
  readonly sasl?: {
    readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    readonly username: string;
    readonly password: string;
  };
  /** Per request; a send to an unreachable broker fails within a few of these. Default 10000. */
  readonly requestTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
  /** Bound on one publish (and on connecting): past it the batch counts as failed and is sent again. Default 30 s. */
  readonly sendTimeoutMs?: number;
}
