import { auditRecordFilter } from './audit-record-filter';
import { auditTailTestRecord } from './audit-tail-test-records';

describe('auditRecordFilter', () => {
  const created = auditTailTestRecord('org-a', 'keyward.service_account.created.v1');
  const createdV2 = auditTailTestRecord('org-a', 'keyward.service_account.created.v2');
  const suspended = auditTailTestRecord('org-a', 'keyward.service_account.suspended.v1');
  const slot = auditTailTestRecord('org-a', 'keyward.service_account_slot.reserved.v1');
  const other = auditTailTestRecord('org-b', 'keyward.service_account.created.v1');
  const all = [created, createdV2, suspended, slot, other];
  const kept = (options: { org?: string; types?: string[] }) =>
    all.filter(auditRecordFilter({ org: options.org, types: options.types ?? [] }));

  it('keeps everything without filters', () => expect(kept({})).toEqual(all));
  it('keeps one organization', () => expect(kept({ org: 'org-b' })).toEqual([other]));
  it('matches a type exactly', () => expect(kept({ types: ['keyward.service_account.created.v1'] })).toEqual([created, other]));
  it('matches every version of a type named without one', () =>
    expect(kept({ types: ['keyward.service_account.created'] })).toEqual([created, createdV2, other]));
  it('matches a prefix ending in "." and not a longer entity name', () =>
    expect(kept({ types: ['keyward.service_account.'] })).toEqual([created, createdV2, suspended, other]));
  it('keeps a record matching any of several types, within the organization', () =>
    expect(kept({ org: 'org-a', types: ['keyward.service_account.suspended.v1', 'keyward.service_account_slot.'] })).toEqual([
      suspended,
      slot,
    ]));
  it('files /system records under no organization', () => {
    const system = { ...created, source: '/system', data: {} };
    expect([system].filter(auditRecordFilter({ org: 'org-a', types: [] }))).toEqual([]);
  });
});
