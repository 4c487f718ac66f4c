import type { RecordedEvent } from '@keyward/event-store';
import { type AuditData, type AuditDetailValue, type AuditRecord, SYSTEM_PARTITION_KEY, auditSource } from './audit-record';
import { auditTypeName } from './audit-type-name';
import { CanonicalOrderAuditRecord } from './canonical-order';
import { DETAIL_FIELDS } from './audit-detail-fields';
import { derivedAuditDetails } from './derived-audit-details';
import { isoTime } from './iso-time';

const DETAIL_FIELD_SET: ReadonlySet<string> = new Set(DETAIL_FIELDS);

/**
 * Audit record for any event type: known-safe fields only, type name derived from the event type.
 * Members are made in RFC 8785 order (sorted by name) at every level, so the relay can hash the
 * record's JSON as it is, without a sorted copy (linkRecord; any other order still hashes right).
 */
export function defaultAuditMapping(event: RecordedEvent): AuditRecord {
  const data = asRecord(event.data);
  const metadata = asRecord(event.metadata);
  const organizationId = nonEmpty(data.organizationId) ?? nonEmpty(metadata.organizationId);
  const schemaVersion = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  const audit = auditData(event.type, data, metadata, organizationId);
  const source = auditSource(organizationId);
  const partitionkey = organizationId ?? SYSTEM_PARTITION_KEY;
  const subject = subjectOf(data);
  const time = isoTime(event.recordedAt);
  const type = auditTypeName(event.type, schemaVersion);
  // Every member is a string, a string array or a detail; only a number that is not finite (never in JSON
  // data, but an event is `unknown`) would make JSON.stringify write other than RFC 8785 text.
  if (audit.details === undefined || detailsAreFinite(audit.details))
    return new CanonicalOrderAuditRecord(audit, event.id, partitionkey, source, subject, time, type);
  const datacontenttype = 'application/json';
  return subject === undefined
    ? { data: audit, datacontenttype, id: event.id, partitionkey, source, specversion: '1.0', time, type }
    : { data: audit, datacontenttype, id: event.id, partitionkey, source, specversion: '1.0', subject, time, type };
}

function detailsAreFinite(details: Readonly<Record<string, AuditDetailValue>>): boolean {
  for (const name in details) {
    const value = details[name];
    if (typeof value === 'number' ? !Number.isFinite(value) : Array.isArray(value) && !value.every(isFiniteItem)) return false;
  }
  return true;
}

const isFiniteItem = (item: unknown): boolean => typeof item !== 'number' || Number.isFinite(item);

// Member by member, each a plain property store: one helper taking the name would make every store
// and load in it megamorphic, and this runs for every event.
function auditData(
  eventType: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown>,
  organizationId: string | undefined,
): AuditData {
  const audit: { -readonly [K in keyof AuditData]: AuditData[K] } = {};
  const actor = nonEmpty(metadata.actor);
  if (actor !== undefined) audit.actor = actor;
  const correlationId = nonEmpty(metadata.correlationId);
  if (correlationId !== undefined) audit.correlationId = correlationId;
  const credentialId = nonEmpty(data.credentialId);
  if (credentialId !== undefined) audit.credentialId = credentialId;
  const details = auditDetails(eventType, data);
  if (details !== undefined) audit.details = details;
  const name = nonEmpty(data.name);
  if (name !== undefined) audit.name = name;
  if (organizationId !== undefined) audit.organizationId = organizationId;
  audit.outcome = eventType.endsWith('Refused') ? 'refused' : 'success';
  const reason = nonEmpty(data.reason);
  if (reason !== undefined) audit.reason = reason;
  if (isStringArray(data.scopes)) audit.scopes = data.scopes;
  const serviceAccountId = nonEmpty(data.serviceAccountId);
  if (serviceAccountId !== undefined) audit.serviceAccountId = serviceAccountId;
  // Token requests carry where they came from in the event itself rather than in its metadata.
  const sourceIp = nonEmpty(metadata.sourceIp) ?? nonEmpty(data.sourceIp);
  if (sourceIp !== undefined) audit.sourceIp = sourceIp;
  const userAgent = nonEmpty(metadata.userAgent) ?? nonEmpty(data.userAgent);
  if (userAgent !== undefined) audit.userAgent = userAgent;
  return audit;
}

/** The allow-listed details and the derived ones, by name; undefined when there are none. */
function auditDetails(eventType: string, data: Record<string, unknown>): Record<string, AuditDetailValue> | undefined {
  const names = detailNames(data);
  const derived = derivedAuditDetails(eventType, data);
  let found: Record<string, AuditDetailValue> | undefined;
  for (const key in derived) {
    // Rare (policy changes, keys): merged by name, a derived value over a copied one.
    found ??= Object.fromEntries(names.map((name) => [name, data[name] as AuditDetailValue]));
    found[key] = derived[key]!;
  }
  if (found !== undefined) return inOrder(Object.keys(found), found);
  return names.length === 0 ? undefined : inOrder(names, data as Record<string, AuditDetailValue>);
}

function inOrder(names: string[], values: Readonly<Record<string, AuditDetailValue>>): Record<string, AuditDetailValue> {
  const details: Record<string, AuditDetailValue> = {};
  for (const name of names.sort()) details[name] = values[name]!;
  return details;
}

function subjectOf(data: Record<string, unknown>): string | undefined {
  const account = nonEmpty(data.serviceAccountId);
  if (account === undefined) return undefined;
  const credential = nonEmpty(data.credentialId);
  return credential === undefined ? `service_accounts/${account}` : `service_accounts/${account}/credentials/${credential}`;
}

// The names of the allow-listed fields with a publishable value. null is kept: it says "none" (no policy
// limit, back to the server's default lifetime).
function detailNames(data: Record<string, unknown>): string[] {
  const names: string[] = [];
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
      names.push(field);
  }
  return names;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isNumberArray(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
