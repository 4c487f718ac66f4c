import type { AuditRecord } from '../record/audit-record';

/** The n-th record of an organization's chain, for the chain specs: an id from n unless one is given. */
export const sampleAuditRecord = (org: string, n: number, id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`): AuditRecord => ({
  specversion: '1.0',
  id,
  source: `/organizations/${org}`,
  type: 'keyward.service_account.created.v1',
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  datacontenttype: 'application/json',
  partitionkey: org,
  data: { actor: 'cli:alice', organizationId: org, name: `bot ${n}`, outcome: 'success' },
});
