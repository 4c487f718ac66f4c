import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '@keyward/audit';

/** A record as the relay writes it, for the tail's specs. */
export function auditTailTestRecord(organizationId: string, type: string, data: Partial<AuditRecord['data']> = {}): AuditRecord {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: `/organizations/${organizationId}`,
    type,
    subject: 'service_accounts/sa-1',
    time: '2026-03-01T09:12:44.318Z',
    datacontenttype: 'application/json',
    partitionkey: organizationId,
    data: { actor: 'cli:alice', organizationId, serviceAccountId: 'sa-1', outcome: 'success', sourceIp: '127.0.0.1', ...data },
  };
}
