import { auditTailTestRecord } from './audit-tail-test-records';
import { formatAuditLine } from './format-audit-line';

describe('formatAuditLine', () => {
  it('prints time, type, org, actor, subject, outcome, reason and source IP', () => {
    const record = auditTailTestRecord('org-a', 'keyward.token_request.refused.v1', {
      actor: 'anonymous',
      outcome: 'refused',
      reason: 'wrong_secret',
      sourceIp: '198.51.100.7',
    });
    expect(formatAuditLine(record)).toBe(
      '2026-03-01T09:12:44.318Z  keyward.token_request.refused.v1  org=org-a  actor=anonymous  subject=service_accounts/sa-1  outcome=refused  reason=wrong_secret  ip=198.51.100.7',
    );
  });

  it('shows absent fields as "-" and takes the organization from the source', () => {
    const record = { ...auditTailTestRecord('org-a', 'keyward.signing_key.created.v1'), subject: undefined, data: {} };
    expect(formatAuditLine(record)).toBe(
      '2026-03-01T09:12:44.318Z  keyward.signing_key.created.v1  org=org-a  actor=-  subject=-  outcome=-  reason=-  ip=-',
    );
  });

  it('quotes spaces and escapes control and bidi characters, so outside text cannot forge fields or drive the terminal', () => {
    const record = auditTailTestRecord('org-a', 'keyward.service_account.suspended.v1', { reason: 'x  ip=10.0.0.1 \u001b[2J\u202e"' });
    expect(formatAuditLine(record)).toContain('reason="x  ip=10.0.0.1 \\u001b[2J\\u202e\\""  ip=127.0.0.1');
  });
});
