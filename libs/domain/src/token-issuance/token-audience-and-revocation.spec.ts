import { decideAudience, isValidResourceIndicator } from './token-audience';
import { accessTokenLifetime } from './token-lifetime';
import { decideAccessTokenRevocation, decideApiTokenRevocation, type RevokingClient } from './token-revocation';

const issuer = 'https://auth.example.com';

describe('audiences (RFC 8707)', () => {
  it('defaults to the first allowed audience, or the issuer when none is listed', () => {
    expect(decideAudience(['https://api.example.com', 'reports'], issuer, [])).toEqual({
      granted: true,
      audience: 'https://api.example.com',
    });
    expect(decideAudience([], issuer, [])).toEqual({ granted: true, audience: issuer });
  });
  it('grants what was asked when allowed, several as an array', () => {
    expect(decideAudience(['a', 'b'], issuer, ['b'])).toEqual({ granted: true, audience: 'b' });
    expect(decideAudience(['a', 'b'], issuer, ['a', 'b', 'a'])).toEqual({ granted: true, audience: ['a', 'b'] });
  });
  it('refuses anything else with invalid_target', () => {
    expect(decideAudience(['a'], issuer, ['a', 'c'])).toMatchObject({
      granted: false,
      error: 'invalid_target',
      description: expect.stringContaining('c'),
    });
    expect(decideAudience([], issuer, ['https://elsewhere'])).toMatchObject({ granted: false, error: 'invalid_target' });
  });
  it('takes only absolute URIs without fragment as resource indicators', () => {
    expect(isValidResourceIndicator('https://api.example.com/v1')).toBe(true);
    expect(isValidResourceIndicator('api')).toBe(false);
    expect(isValidResourceIndicator('https://api.example.com/#frag')).toBe(false);
  });
});

describe('access token lifetime', () => {
  it('uses the credential lifetime, or the server default, under the organization cap', () => {
    expect(accessTokenLifetime(900, 3600, 86400)).toBe(900);
    expect(accessTokenLifetime(undefined, 3600, 86400)).toBe(3600);
    expect(accessTokenLifetime(7200, 3600, 1800)).toBe(1800);
  });
});

describe('revocation (RFC 7009 §2.1)', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const caller: RevokingClient = { clientId: 'c1', organizationId: 'o1', serviceAccountId: 'sa1', scopes: ['read:reports'] };
  const token = {
    jti: 'j1',
    organizationId: 'o1',
    serviceAccountId: 'sa1',
    clientId: 'c1',
    expiresAtMs: now.getTime() + 60_000,
    alreadyRevoked: false,
  };

  it('revokes a live token of the calling client', () =>
    expect(decideAccessTokenRevocation(token, caller, now)).toEqual({
      outcome: 'revoke',
      revocation: {
        jti: 'j1',
        organizationId: 'o1',
        serviceAccountId: 'sa1',
        clientId: 'c1',
        expiresAt: '2026-11-28T10:01:00.000Z',
        revokedAt: now.toISOString(),
        revokedByClientId: 'c1',
      },
    }));
  it('does nothing for expired, already revoked or other-tenant tokens', () => {
    expect(decideAccessTokenRevocation({ ...token, expiresAtMs: now.getTime() }, caller, now).outcome).toBe('nothing_to_do');
    expect(decideAccessTokenRevocation({ ...token, alreadyRevoked: true }, caller, now).outcome).toBe('nothing_to_do');
    expect(decideAccessTokenRevocation({ ...token, organizationId: 'o2' }, caller, now).outcome).toBe('nothing_to_do');
  });
  it('refuses another client of the organization unless it is an admin client', () => {
    expect(decideAccessTokenRevocation({ ...token, clientId: 'c2' }, caller, now)).toMatchObject({
      outcome: 'refused',
      error: 'unauthorized_client',
    });
    expect(decideAccessTokenRevocation({ ...token, clientId: 'c2' }, { ...caller, scopes: ['manage:service-accounts'] }, now).outcome).toBe(
      'revoke',
    );
  });
  it('lets a client of the same service account or an admin client revoke an API token', () => {
    const apiToken = { credentialId: 'cr9', organizationId: 'o1', serviceAccountId: 'sa1', active: true };
    expect(decideApiTokenRevocation(apiToken, caller)).toEqual({
      outcome: 'revoke',
      revocation: { credentialId: 'cr9', serviceAccountId: 'sa1' },
    });
    expect(decideApiTokenRevocation({ ...apiToken, serviceAccountId: 'sa2' }, caller).outcome).toBe('refused');
    expect(
      decideApiTokenRevocation({ ...apiToken, serviceAccountId: 'sa2' }, { ...caller, scopes: ['manage:service-accounts'] }).outcome,
    ).toBe('revoke');
    expect(decideApiTokenRevocation({ ...apiToken, active: false }, caller).outcome).toBe('nothing_to_do');
  });
});
