import { decideTokenGrant, type GrantableCredential } from './token-grant';

const credential: GrantableCredential = { scopes: ['read:reports', 'write:reports'], revoked: false, accountStatus: 'active' };

describe('client credentials grant decision (RFC 6749 §4.4)', () => {
  it('grants every scope of the credential when no scope is asked', () =>
    expect(decideTokenGrant(credential, undefined)).toEqual({ granted: true, scopes: ['read:reports', 'write:reports'] }));
  it('grants a requested subset', () => expect(decideTokenGrant(credential, ['read:reports'])).toEqual({ granted: true, scopes: ['read:reports'] }));
  it('refuses a scope the credential does not hold with invalid_scope', () =>
    expect(decideTokenGrant(credential, ['read:reports', 'admin'])).toMatchObject({ granted: false, error: 'invalid_scope', description: expect.stringContaining('admin') }));
  it('refuses a revoked credential like an unknown client', () =>
    expect(decideTokenGrant({ ...credential, revoked: true }, undefined)).toMatchObject({ granted: false, error: 'invalid_client', reason: 'credential_revoked' }));
  it('refuses a deleted account like an unknown client', () =>
    expect(decideTokenGrant({ ...credential, accountStatus: 'deleted' }, undefined)).toMatchObject({ error: 'invalid_client', reason: 'service_account_deleted' }));
  it('refuses a suspended account with unauthorized_client', () =>
    expect(decideTokenGrant({ ...credential, accountStatus: 'suspended' }, undefined)).toMatchObject({ error: 'unauthorized_client', reason: 'service_account_suspended' }));
});
