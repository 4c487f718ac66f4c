import type { AuditRecord } from './audit-record';

// Records whose JSON.stringify text already is their RFC 8785 canonical form, as their builder vouches:
// members sorted by name at every level, numbers finite, values plain (JSON-parsed data). The hash chain
// then hashes that text as it is, without walking the record to check it (about a µs a record).
const inCanonicalOrder = new WeakSet<AuditRecord>();

/** For a builder that makes records in canonical order (the default mapping), never for one it was handed. */
export function markInCanonicalOrder<T extends AuditRecord>(record: T): T {
  inCanonicalOrder.add(record);
  return record;
}

export const isMarkedInCanonicalOrder = (record: AuditRecord): boolean => inCanonicalOrder.has(record);
