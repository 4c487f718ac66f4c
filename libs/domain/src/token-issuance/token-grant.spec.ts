import { DEFAULT_ORGANIZATION_POLICY } from '../organization/organization-policy';
import { credentialUsability } from '../service-account/credential-usability';
import { decideScopes } from './token-grant';

const held = ['read:reports', 'write:reports'];

describe('scope decision (RFC 6749 §3.3)', () => {
  it('grants every scope of the credential when no scope is asked', () =>
    expect(decideScopes(held, undefined)).toEqual({ granted: true, scopes: held }));
  it('grants a requested subset, once each', () =>
    expect(decideScopes(held, ['read:reports', 'read:reports'])).toEqual({ granted: true, scopes: ['read:reports'] }));
  it('refuses a scope the credential does not hold with invalid_scope naming it', () =>
    expect(decideScopes(held, ['read:reports', 'admin'])).toMatchObject({
      granted: false,
      error: 'invalid_scope',
      description: expect.stringContaining('admin'),
    }));
});

describe('credential usability', () => {
  const DAY = 24 * 3600 * 1000;
  const now = Date.parse('2026-12-01T10:00:00Z');
  const policy = { ...DEFAULT_ORGANIZATION_POLICY, clientSecretMaxAgeDays: 90, apiTokenMaxAgeDays: 30 };
  const usable = {
    revoked: false,
    expired: false,
    accountStatus: 'active',
    type: 'oauth_client',
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretIssuedAtMs: now - 89 * DAY,
  } as const;
  it('lets an active credential of an active account be used', () =>
    expect(credentialUsability(usable, policy, now)).toEqual({ usable: true }));
  it('stops a secret at the org max age, at that instant, and a key client never ages out', () => {
    expect(credentialUsability({ ...usable, secretIssuedAtMs: now - 90 * DAY }, policy, now)).toEqual({
      usable: false,
      reason: 'client_secret_max_age',
    });
    expect(
      credentialUsability(
        { revoked: false, expired: false, accountStatus: 'active', type: 'oauth_client', tokenEndpointAuthMethod: 'private_key_jwt' },
        policy,
        now,
      ),
    ).toEqual({ usable: true });
  });
  it('stops an API token at the earlier of its expiry and the org max age', () => {
    const token = {
      revoked: false,
      expired: false,
      accountStatus: 'active',
      type: 'api_token',
      createdAtMs: now - 10 * DAY,
      expiresAtMs: now + DAY,
    } as const;
    expect(credentialUsability(token, policy, now)).toEqual({ usable: true });
    expect(credentialUsability({ ...token, expiresAtMs: now }, policy, now)).toEqual({ usable: false, reason: 'api_token_expired' });
    expect(credentialUsability({ ...token, createdAtMs: now - 30 * DAY }, policy, now)).toEqual({
      usable: false,
      reason: 'api_token_max_age',
    });
  });
  it.each([
    [{ ...usable, revoked: true }, 'credential_revoked'],
    [{ ...usable, expired: true }, 'credential_expired'],
    [{ ...usable, accountStatus: 'deleted' as const }, 'service_account_deleted'],
    [{ ...usable, accountStatus: 'suspended' as const }, 'service_account_suspended'],
    // A revoked credential of a suspended account answers like an unknown client, not as suspended.
    [{ ...usable, revoked: true, accountStatus: 'suspended' as const }, 'credential_revoked'],
  ])('refuses %o with %s', (facts, reason) => expect(credentialUsability(facts, policy, now)).toEqual({ usable: false, reason }));
});
