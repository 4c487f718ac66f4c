import type { AuditRecord } from '@keyward/audit';
import type { AuditTailOptions } from './audit-tail-options';

/**
 * `--org` matches the organization a record belongs to (its source, as the relay writes it). A `--type`
 * ending in `.` is a prefix (`keyward.service_account.`); one without a `.vN` suffix matches every version.
 */
export function auditRecordFilter(options: Pick<AuditTailOptions, 'org' | 'types'>): (record: AuditRecord) => boolean {
  const source = options.org === undefined ? undefined : `/organizations/${options.org}`;
  const typeMatchers = options.types.map(typeMatcher);
  return (record) =>
    (source === undefined || record.source === source || record.data?.organizationId === options.org) &&
    (typeMatchers.length === 0 || typeMatchers.some((matches) => matches(record.type)));
}

function typeMatcher(wanted: string): (type: string) => boolean {
  if (wanted.endsWith('.')) return (type) => typeof type === 'string' && type.startsWith(wanted);
  if (/\.v\d+$/.test(wanted)) return (type) => type === wanted;
  return (type) =>
    type === wanted || (typeof type === 'string' && type.startsWith(`${wanted}.v`) && /^\d+$/.test(type.slice(wanted.length + 2)));
}
