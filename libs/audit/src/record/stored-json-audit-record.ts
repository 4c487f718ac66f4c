import type { RecordedEvent } from '@keyward/event-store';
import { DETAIL_FIELDS } from './audit-detail-fields';
import type { AuditMapping } from './audit-mapping';
import { type AuditRecord, SYSTEM_PARTITION_KEY } from './audit-record';
import { auditTypeName } from './audit-type-name';
import { DERIVED_FROM_MEMBERS, TYPES_WITH_DERIVED_DETAILS } from './derived-audit-details';
import { EncodedAuditRecord } from './encoded-audit-record';
import { isoTime } from './iso-time';
import { StoredJsonMembers, isArrayJson, isFiniteNumberJson, nonEmptyStringJson } from './stored-json-members';

// Slots of the data members the mapping reads: the allow-listed details first, in sorted order (so the
// details come out in RFC 8785 order by slot), then the members copied outside details.
const DETAILS_SORTED = [...DETAIL_FIELDS].sort();
const NAMED = ['credentialId', 'name', 'organizationId', 'reason', 'scopes', 'serviceAccountId', 'sourceIp', 'userAgent'] as const;
// Then the members derived details read (derived-audit-details.ts): an event with one takes the parsed path.
const DATA_SLOTS = new Map<string, number>([...DETAILS_SORTED, ...NAMED, ...DERIVED_FROM_MEMBERS].map((name, slot) => [name, slot]));
const [CREDENTIAL, NAME, ORGANIZATION, REASON, SCOPES, ACCOUNT, SOURCE_IP, USER_AGENT] = NAMED.map((name) => DATA_SLOTS.get(name)!);
const DERIVED_SLOTS = DERIVED_FROM_MEMBERS.map((name) => DATA_SLOTS.get(name)!);
const METADATA_SLOTS = new Map<string, number>(
  ['actor', 'correlationId', 'organizationId', 'sourceIp', 'userAgent', 'schemaVersion'].map((name, slot) => [name, slot]),
);
const [M_ACTOR, M_CORRELATION, M_ORGANIZATION, M_SOURCE_IP, M_USER_AGENT, M_SCHEMA_VERSION] = [0, 1, 2, 3, 4, 5];

// A reader per event type for each (its members come in one order), bounded like the type names.
const readers = new Map<string, { readonly data: StoredJsonMembers; readonly metadata: StoredJsonMembers }>();
function readersOf(eventType: string): { readonly data: StoredJsonMembers; readonly metadata: StoredJsonMembers } {
  let found = readers.get(eventType);
  if (found === undefined) {
    found = { data: new StoredJsonMembers(DATA_SLOTS), metadata: new StoredJsonMembers(METADATA_SLOTS) };
    if (readers.size < 1000) readers.set(eventType, found);
  }
  return found;
}

// Kept between calls (one relay per thread, one event at a time): no arrays made per event.
const data: (string | undefined)[] = new Array<string | undefined>(DATA_SLOTS.size).fill(undefined);
const metadata: (string | undefined)[] = new Array<string | undefined>(METADATA_SLOTS.size).fill(undefined);
const parts: string[] = [];

/** storedJsonAuditRecord where it can (it never throws: anything unforeseen goes to `mapping`), else `mapping`. */
export function fromStoredJsonOr(mapping: AuditMapping): AuditMapping {
  return (event) => {
    let record: AuditRecord | undefined;
    try {
      record = storedJsonAuditRecord(event);
    } catch {
      record = undefined;
    }
    return record ?? mapping(event);
  };
}

/**
 * defaultAuditMapping's record, made from the event's stored JSON as text (RecordedEvent.storedJson): the same
 * members, as canonical JSON byte for byte (stored-json-audit-record.spec.ts holds it to the mapping on every event
 * type), without parsing the event or serializing the record. A string member's text is its own canonical JSON when
 * it holds no backslash, since JSON.stringify wrote it. Undefined when the event needs the parsed path: no stored
 * text, a backslash in it, anything but the plain shape (stored-json-members.ts), an event whose details are derived.
 */
export function storedJsonAuditRecord(event: RecordedEvent): EncodedAuditRecord | undefined {
  const stored = event.storedJson;
  if (stored === undefined || TYPES_WITH_DERIVED_DETAILS.has(event.type)) return undefined;
  if (stored.data.indexOf('\\') !== -1 || stored.metadata.indexOf('\\') !== -1) return undefined;
  data.fill(undefined);
  metadata.fill(undefined);
  const reader = readersOf(event.type);
  if (!reader.data.read(stored.data, data) || !reader.metadata.read(stored.metadata, metadata)) return undefined;
  for (const slot of DERIVED_SLOTS) if (data[slot] !== undefined) return undefined;

  const organization = nonEmptyStringJson(data[ORGANIZATION]) ?? nonEmptyStringJson(metadata[M_ORGANIZATION]);
  const account = nonEmptyStringJson(data[ACCOUNT]);
  const credential = nonEmptyStringJson(data[CREDENTIAL]);
  const partitionkey = organization === undefined ? SYSTEM_PARTITION_KEY : organization.slice(1, -1);
  const version = metadata[M_SCHEMA_VERSION];
  const schemaVersion = version !== undefined && isFiniteNumberJson(version) ? Number(version) : 1;

  // Pieces joined once: one flat string, where `+=` would make a rope for the sink's write to flatten.
  parts.length = 0;
  parts.push('{"data":{');
  if (!pushAuditDataMembers(event.type, organization)) return undefined;
  parts.push('},"datacontenttype":"application/json","id":', JSON.stringify(event.id), ',"partitionkey":', organization ?? '"system"');
  if (organization === undefined) parts.push(',"source":"/system"');
  else parts.push(',"source":"/organizations/', organization.slice(1));
  parts.push(',"specversion":"1.0"');
  if (account !== undefined && credential === undefined) parts.push(',"subject":"service_accounts/', account.slice(1));
  else if (account !== undefined) parts.push(',"subject":"service_accounts/', account.slice(1, -1), '/credentials/', credential!.slice(1));
  parts.push(',"time":"', isoTime(event.recordedAt), '","type":', typeJson(event.type, schemaVersion), '}');
  const json = parts.join('');
  return new EncodedAuditRecord(json, event.id, partitionkey);
}

/** auditData's members as JSON text, in its (sorted) order. */
function pushAuditDataMembers(eventType: string, organization: string | undefined): boolean {
  const actor = nonEmptyStringJson(metadata[M_ACTOR]);
  if (actor !== undefined) parts.push('"actor":', actor, ',');
  const correlationId = nonEmptyStringJson(metadata[M_CORRELATION]);
  if (correlationId !== undefined) parts.push('"correlationId":', correlationId, ',');
  const credentialId = nonEmptyStringJson(data[CREDENTIAL]);
  if (credentialId !== undefined) parts.push('"credentialId":', credentialId, ',');
  if (!pushDetailMembers()) return false;
  const name = nonEmptyStringJson(data[NAME]);
  if (name !== undefined) parts.push('"name":', name, ',');
  if (organization !== undefined) parts.push('"organizationId":', organization, ',');
  parts.push(eventType.endsWith('Refused') ? '"outcome":"refused"' : '"outcome":"success"');
  const reason = nonEmptyStringJson(data[REASON]);
  if (reason !== undefined) parts.push(',"reason":', reason);
  const scopes = data[SCOPES];
  if (scopes !== undefined && isArrayJson(scopes)) parts.push(',"scopes":', scopes);
  const serviceAccountId = nonEmptyStringJson(data[ACCOUNT]);
  if (serviceAccountId !== undefined) parts.push(',"serviceAccountId":', serviceAccountId);
  const sourceIp = nonEmptyStringJson(metadata[M_SOURCE_IP]) ?? nonEmptyStringJson(data[SOURCE_IP]);
  if (sourceIp !== undefined) parts.push(',"sourceIp":', sourceIp);
  const userAgent = nonEmptyStringJson(metadata[M_USER_AGENT]) ?? nonEmptyStringJson(data[USER_AGENT]);
  if (userAgent !== undefined) parts.push(',"userAgent":', userAgent);
  return true;
}

/** False for a number the mapping's record could not hold as it is (not finite): the parsed path decides. */
function pushDetailMembers(): boolean {
  let first = true;
  for (let slot = 0; slot < DETAILS_SORTED.length; slot++) {
    let value = data[slot];
    if (value === undefined) continue;
    const code = value.charCodeAt(0);
    if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      // As JSON.stringify writes the parsed number (-0 as 0).
      const number = Number(value);
      if (!Number.isFinite(number)) return false;
      value = JSON.stringify(number);
    }
    parts.push(first ? '"details":{"' : ',"', DETAILS_SORTED[slot]!, '":', value);
    first = false;
  }
  if (!first) parts.push('},');
  return true;
}

// A busy relay names the same type over and over.
let lastType = { eventType: '', schemaVersion: Number.NaN, json: '' };
function typeJson(eventType: string, schemaVersion: number): string {
  if (eventType !== lastType.eventType || schemaVersion !== lastType.schemaVersion)
    lastType = { eventType, schemaVersion, json: JSON.stringify(auditTypeName(eventType, schemaVersion)) };
  return lastType.json;
}
