/**
 * One audit record: a CloudEvents 1.0 event in structured JSON mode (CloudEvents spec §3.1, JSON
 * format §3). Security teams read these; they never carry a secret, a digest, a private key or a token.
 */
export interface AuditRecord {
  readonly specversion: '1.0';
  /** The event id: consumers drop duplicates by it (the relay delivers at least once). */
  readonly id: string;
  /** `/organizations/{organizationId}`, or `/system` for events outside any organization (signing keys). */
  readonly source: string;
  /** `keyward.<entity>.<past-tense verb>.v<schema version>`, e.g. `keyward.service_account.created.v1`. */
  readonly type: string;
  /** What the event is about, relative to source: `service_accounts/{id}[/credentials/{id}]`. */
  readonly subject?: string;
  /** RFC 3339 time the event was recorded. */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  /** CloudEvents Partitioning extension: the Kafka record key, so one organization's records stay in order. */
  readonly partitionkey: string;
  readonly data: AuditData;
}

export interface AuditData {
  readonly actor?: string;
  readonly organizationId?: string;
  readonly serviceAccountId?: string;
  readonly credentialId?: string;
  readonly name?: string;
  readonly scopes?: readonly string[];
  readonly outcome?: 'success' | 'refused';
  readonly reason?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly correlationId?: string;
  /** Further non-secret facts of the event type (plan, client id, expiry...). null: "none" (no limit, server default). */
  readonly details?: Readonly<Record<string, AuditDetailValue>>;
}

export type AuditDetailValue = string | number | boolean | null | readonly string[] | readonly number[];

/** Source and partition key of events that belong to no organization. */
export const SYSTEM_PARTITION_KEY = 'system';

export const auditSource = (organizationId: string | undefined): string =>
  organizationId === undefined ? '/system' : `/organizations/${organizationId}`;
