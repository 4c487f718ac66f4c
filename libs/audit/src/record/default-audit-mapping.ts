import type { RecordedEvent } from '@keyward/event-store';
import { type AuditData, type AuditDetailValue, type AuditRecord, SYSTEM_PARTITION_KEY, auditSource } from './audit-record';
import { auditTypeName } from './audit-type-name';
import { derivedAuditDetails } from './derived-audit-details';

// Allow-list, not deny-list: a field added to an event later (a digest, a key) stays off the topic
// until someone decides it is safe to publish.
const IDENTITY_FIELDS = ['organizationId', 'serviceAccountId', 'credentialId', 'name', 'reason'] as const;
// docs/audit-record.schema.json lists the same names with their types; its spec fails when they drift.
const DETAIL_FIELDS = [
  'plan',
  'previousPlan',
  'previousName',
  'previousScopes',
  'quota',
  'used',
  'maxAccessTokenLifetimeSeconds',
  'clientSecretMaxAgeDays',
  'apiTokenMaxAgeDays',
  'requireOwner',
  'owner',
  'previousOwner',
  'tags',
  'previousTags',
  'lockdownId',
  'serviceAccountIds',
  'exemptServiceAccountIds',
  'thresholdDays',
  'dueAt',
  'reminderDays',
  'sourceNetwork',
  'refusals',
  'idleDays',
  'suspiciousNewNetworkAfterDays',
  'suspiciousRefusalBurst',
  'suspiciousIdleDays',
  'clientId',
  'tokenEndpointAuthMethod',
  'audiences',
  'previousAudiences',
  'accessTokenLifetimeSeconds',
  'previousLifetimeSeconds',
  'previousSecretExpiresAt',
  'error',
  'jti',
  'audience',
  'grantType',
  'tokenType',
  'jkt',
  'x5tS256',
  'authMethod',
  'federatedIssuer',
  'federatedSubject',
  'expiresAt',
  'revokedByClientId',
  'kid',
  'alg',
  'previousKid',
  'activateAfter',
  'removeAfter',
  'endpoint',
  'count',
  'firstRefusedAt',
  'lockoutSeconds',
] as const;
const DETAIL_FIELD_SET: ReadonlySet<string> = new Set(DETAIL_FIELDS);
const METADATA_FIELDS = ['actor', 'sourceIp', 'userAgent', 'correlationId'] as const;
// Token requests carry where they came from in the event itself rather than in its metadata.
const REQUEST_FIELDS = ['sourceIp', 'userAgent'] as const;

/** Audit record for any event type: known-safe fields only, type name derived from the event type. */
export function defaultAuditMapping(event: RecordedEvent): AuditRecord {
  const data = asRecord(event.data);
  const metadata = asRecord(event.metadata);
  const organizationId = stringField(data, 'organizationId') ?? stringField(metadata, 'organizationId');
  const audit: Record<string, unknown> = {};
  for (const field of METADATA_FIELDS) copyString(metadata, audit, field);
  for (const field of REQUEST_FIELDS) if (audit[field] === undefined) copyString(data, audit, field);
  for (const field of IDENTITY_FIELDS) copyString(data, audit, field);
  audit.outcome = event.type.endsWith('Refused') ? 'refused' : 'success';
  if (organizationId !== undefined) audit.organizationId = organizationId;
  if (isStringArray(data.scopes)) audit.scopes = data.scopes;
  const details = { ...pickDetails(data), ...derivedAuditDetails(event.type, data) };
  if (Object.keys(details).length > 0) audit.details = details;
  const schemaVersion = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;

  return {
    specversion: '1.0',
    id: event.id,
    source: auditSource(organizationId),
    type: auditTypeName(event.type, schemaVersion),
    ...subjectOf(data),
    time: event.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    partitionkey: organizationId ?? SYSTEM_PARTITION_KEY,
    data: audit as AuditData,
  };
}

function subjectOf(data: Record<string, unknown>): { subject?: string } {
  const account = stringField(data, 'serviceAccountId');
  if (account === undefined) return {};
  const credential = stringField(data, 'credentialId');
  return { subject: credential === undefined ? `service_accounts/${account}` : `service_accounts/${account}/credentials/${credential}` };
}

// null is kept: it says "none" (no policy limit, back to the server's default lifetime).
function pickDetails(data: Record<string, unknown>): Record<string, AuditDetailValue> {
  const details: Record<string, AuditDetailValue> = {};
  // The event's own fields against the allow-list: an event has a handful, the list sixty.
  for (const field of Object.keys(data)) {
    if (!DETAIL_FIELD_SET.has(field)) continue;
    const value = data[field];
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      isStringArray(value) ||
      isNumberArray(value)
    )
      details[field] = value;
  }
  return details;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringField(source: Record<string, unknown>, field: string): string | undefined {
  const value = source[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function copyString(from: Record<string, unknown>, to: Record<string, unknown>, field: string): void {
  const value = stringField(from, field);
  if (value !== undefined) to[field] = value;
}

function isNumberArray(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
