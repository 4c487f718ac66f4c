import { credentialUsability } from '../service-account/credential-usability';
import { decideScopes } from './token-grant';

const held = ['read:reports', 'write:reports'];

describe('scope decision (RFC 6749 §3.3)', () => {
  it('grants every scope of the credential when no scope is asked', () => expect(decideScopes(held, undefined)).toEqual({ granted: true, scopes: held }));
  it('grants a requested subset, once each', () => expect(decideScopes(held, ['read:reports', 'read:reports'])).toEqual({ granted: true, scopes: ['read:reports'] }));
  it('refuses a scope the credential does not hold with invalid_scope naming it', () =>
    expect(decideScopes(held, ['read:reports', 'admin'])).toMatchObject({ granted: false, error: 'invalid_scope', description: expect.stringContaining('admin') }));
});

describe('credential usability', () => {
  const usable = { revoked: false, expired: false, accountStatus: 'active' } as const;
  it('lets an active credential of an active account be used', () => expect(credentialUsability(usable)).toEqual({ usable: true }));
  it.each([
    [{ ...usable, revoked: true }, 'credential_revoked'],
    [{ ...usable, expired: true }, 'credential_expired'],
    [{ ...usable, accountStatus: 'deleted' as const }, 'service_account_deleted'],
    [{ ...usable, accountStatus: 'suspended' as const }, 'service_account_suspended'],
    // A revoked credential of a suspended account answers like an unknown client, not as suspended.
    [{ ...usable, revoked: true, accountStatus: 'suspended' as const }, 'credential_revoked'],
  ])('refuses %o with %s', (facts, reason) => expect(credentialUsability(facts)).toEqual({ usable: false, reason }));
});
