import type { AuditDetailValue } from './audit-record';

// The organization policy keeps its previous values in a nested object. Each is picked by name and
// published as `previous…`; a field added to the policy later stays off the topic until listed here.
const POLICY_FIELDS = [
  'maxAccessTokenLifetimeSeconds',
  'clientSecretMaxAgeDays',
  'apiTokenMaxAgeDays',
  'requireOwner',
  'reminderDays',
  'suspiciousNewNetworkAfterDays',
  'suspiciousRefusalBurst',
  'suspiciousIdleDays',
] as const;
// Naming conventions are nested { pattern, description }: published as `<field>` (the pattern) and `<field>Description`.
const NAMING_FIELDS = ['accountNamePattern', 'credentialNamePattern'] as const;

/**
 * What derivedAuditDetails reads besides the allow-listed fields: these top-level members, and every member of
 * these event types. A record made without parsing the event (stored-json-audit-record.ts) leaves any event
 * that has one of them to the parsed path, so a member read here must be listed here.
 */
const PREVIOUS = 'previous';
const PUBLIC_KEYS = 'publicKeys';
export const DERIVED_FROM_MEMBERS = [PREVIOUS, PUBLIC_KEYS] as const;
export const TYPES_WITH_DERIVED_DETAILS: ReadonlySet<string> = new Set(['OrganizationPolicyChanged']);

/**
 * Facts a security team needs that are not a plain copy of a top-level field: picked out of nested
 * values one by one (never a whole object), or told by which field is present (never its value).
 */
export function derivedAuditDetails(eventType: string, data: Readonly<Record<string, unknown>>): Record<string, AuditDetailValue> {
  const details: Record<string, AuditDetailValue> = {};
  const previous = data[PREVIOUS];
  if (isRecord(previous)) {
    for (const field of POLICY_FIELDS) {
      const value = previous[field];
      if (
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        value === null ||
        (Array.isArray(value) && value.every((v) => typeof v === 'number'))
      ) {
        details[`previous${field[0].toUpperCase()}${field.slice(1)}`] = value as AuditDetailValue;
      }
    }
  }
  if (TYPES_WITH_DERIVED_DETAILS.has(eventType)) {
    for (const field of NAMING_FIELDS) {
      Object.assign(details, namingDetails(field, data[field]));
      if (isRecord(previous)) Object.assign(details, namingDetails(`previous${field[0].toUpperCase()}${field.slice(1)}`, previous[field]));
    }
  }
  // Key ids only: a JWK pasted by an admin is checked to be public, but the record does not rely on it.
  const publicKeys = data[PUBLIC_KEYS];
  if (Array.isArray(publicKeys)) {
    const kids = publicKeys.flatMap((key: unknown) => (isRecord(key) && typeof key.kid === 'string' ? [key.kid] : []));
    if (kids.length > 0) details.publicKeyKids = kids;
  }
  return details;
}

function namingDetails(name: string, value: unknown): Record<string, AuditDetailValue> {
  if (value === null) return { [name]: null };
  if (isRecord(value) && typeof value.pattern === 'string' && typeof value.description === 'string')
    return { [name]: value.pattern, [`${name}Description`]: value.description };
  return {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
