import { bindsTokensToCertificate, clientAuthenticationOf } from './client-authentication';
import type { OAuthClientAuthentication, ServiceAccountEvent } from './service-account.events';
import { serviceAccountDecider } from './service-account.decide';

const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const at = '2026-12-01T10:00:00.000Z';
const created: ServiceAccountEvent = { type: 'ServiceAccountCreated', data: { ...ref, name: 'bot', description: '', createdAt: at } };
const federation = {
  issuer: 'https://token.actions.githubusercontent.com',
  subject: { exact: 'repo:acme/app:ref:refs/heads/main' },
  claims: {},
  maxTokenAgeSeconds: 600,
} as never;
const certificate = { x5tS256: 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2', subject: 'CN=ci', notAfter: '2027-12-01T00:00:00.000Z' };

/** One registration per auth method, and what the client's state must hold for it. */
const methods: readonly [OAuthClientAuthentication, object][] = [
  [
    { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd1' },
    { tokenEndpointAuthMethod: 'client_secret_basic', secrets: { currentDigest: 'd1' }, secretIssuedAt: at },
  ],
  [
    { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: [{ kty: 'EC', kid: 'k1' }] },
    { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: [{ kty: 'EC', kid: 'k1' }] },
  ],
  [
    { tokenEndpointAuthMethod: 'federated_jwt', federation },
    { tokenEndpointAuthMethod: 'federated_jwt', federation },
  ],
  [
    { tokenEndpointAuthMethod: 'tls_client_auth', tlsClientAuth: { kind: 'tls_client_auth_san_dns', value: 'ci.acme.test' } },
    { tokenEndpointAuthMethod: 'tls_client_auth', tlsClientAuth: { kind: 'tls_client_auth_san_dns', value: 'ci.acme.test' } },
  ],
  [
    { tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [certificate] },
    { tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [certificate] },
  ],
];

// A member of another variant, as a v1 event told apart by which field was present could carry.
const stray = { secretDigest: 'left-over', publicKeys: [{ kty: 'EC', kid: 'stray' }] };
const clientCreated = (authentication: OAuthClientAuthentication): ServiceAccountEvent =>
  ({
    type: 'OAuthClientCreated',
    data: { ...ref, credentialId: 'cr-1', name: 'ci', clientId: 'kw_ci_1', scopes: ['read'], createdAt: at, ...stray, ...authentication },
  }) as ServiceAccountEvent;
const given = (events: readonly ServiceAccountEvent[]) =>
  events.reduce(serviceAccountDecider.startFold!(), serviceAccountDecider.initialState);

describe('an OAuth client as its creation event registered it (one rule for the account state and the read model)', () => {
  it.each(methods)('given %o, then the client holds exactly its method’s members', (authentication, expected) => {
    const state = given([created, clientCreated(authentication)]);
    expect(state.status === 'active' && state.credentials.get('cr-1')).toEqual({
      id: 'cr-1',
      type: 'oauth_client',
      name: 'ci',
      scopes: ['read'],
      createdAt: at,
      clientId: 'kw_ci_1',
      audiences: [],
      ...expected,
    });
  });

  it.each(methods)('takes only the members of %o from the event', (authentication) => {
    expect(clientAuthenticationOf({ ...stray, ...authentication } as OAuthClientAuthentication)).toEqual(authentication);
  });

  it('binds tokens to the certificate for the certificate methods, and for others only when registered so (RFC 8705 §3)', () => {
    expect(methods.map(([authentication]) => bindsTokensToCertificate(authentication))).toEqual([false, false, false, true, true]);
    expect(bindsTokensToCertificate({ ...methods[0][0], certificateBoundAccessTokens: true })).toBe(true);
  });
});
