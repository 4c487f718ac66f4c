import { deciderSpec } from '@keyward/testing/decider-spec';
import { InvalidInput } from '../shared/domain-error';
import { serviceAccountDecider } from './service-account.decide';
import { NotAnOAuthClient } from './service-account.errors';
import type { ClientAuthenticationInput } from './service-account.commands';
import type { OAuthClientAuthentication, ServiceAccountEvent } from './service-account.events';

const spec = deciderSpec(serviceAccountDecider);
const ref = { organizationId: 'org-1', serviceAccountId: 'sa-1' };
const now = new Date('2026-12-01T10:00:00Z');
const catalog = new Set(['read:reports']);
const GITHUB = 'https://token.actions.githubusercontent.com';
const THUMBPRINT = 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2';
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { ...ref, name: 'bot', description: '', createdAt: now.toISOString() },
};
const create = (authentication: ClientAuthenticationInput, over: object = {}) =>
  ({
    type: 'CreateOAuthClient',
    credentialId: 'cr-1',
    name: 'ci',
    clientId: 'kw_ci_1',
    authentication,
    scopes: ['read:reports'],
    catalog,
    now,
    ...over,
  }) as const;
const clientCreated = (authentication: OAuthClientAuthentication, over: object = {}): ServiceAccountEvent => ({
  type: 'OAuthClientCreated',
  data: {
    ...ref,
    credentialId: 'cr-1',
    name: 'ci',
    clientId: 'kw_ci_1',
    ...authentication,
    scopes: ['read:reports'],
    ...over,
    createdAt: now.toISOString(),
  },
});

describe('clients without a secret or keys: federation and RFC 8705 certificates', () => {
  it('creates a federated client from a validated trust', () =>
    spec
      .given([created])
      .when(
        create({
          tokenEndpointAuthMethod: 'federated_jwt',
          federation: { issuer: GITHUB, subject: 'repo:acme/reports:ref:refs/heads/main' },
          allowInsecureIssuers: false,
        }),
      )
      .then([
        clientCreated({
          tokenEndpointAuthMethod: 'federated_jwt',
          federation: {
            issuer: GITHUB,
            subject: { match: 'exact', value: 'repo:acme/reports:ref:refs/heads/main' },
            claims: {},
            maxTokenAgeSeconds: 3600,
            allowTokenReuse: false,
          },
        }),
      ]));

  it('refuses an http issuer unless insecure issuers are allowed', () => {
    spec
      .given([created])
      .when(
        create({
          tokenEndpointAuthMethod: 'federated_jwt',
          federation: { issuer: 'http://127.0.0.1:9', subject: 's' },
          allowInsecureIssuers: false,
        }),
      )
      .thenThrows(InvalidInput, /https/);
  });

  it('creates a tls_client_auth client with exactly one RFC 8705 §2.1.2 name', () => {
    spec
      .given([created])
      .when(
        create({
          tokenEndpointAuthMethod: 'tls_client_auth',
          names: { tls_client_auth_san_uri: 'spiffe://acme.example/ns/prod/sa/reports' },
        }),
      )
      .then([
        clientCreated({
          tokenEndpointAuthMethod: 'tls_client_auth',
          tlsClientAuth: { kind: 'tls_client_auth_san_uri', value: 'spiffe://acme.example/ns/prod/sa/reports' },
        }),
      ]);
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'tls_client_auth', names: {} }))
      .thenThrows(InvalidInput, /exactly one/);
    spec
      .given([created])
      .when(
        create({
          tokenEndpointAuthMethod: 'tls_client_auth',
          names: { tls_client_auth_san_dns: 'a.example', tls_client_auth_san_ip: '192.0.2.1' },
        }),
      )
      .thenThrows(InvalidInput, /exactly one/);
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'tls_client_auth', names: { tls_client_auth_san_ip: '999.0.0.1' } }))
      .thenThrows(InvalidInput, /IPv4 or IPv6/);
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'tls_client_auth', names: { tls_client_auth_san_dns: '*.acme.example' } }))
      .thenThrows(InvalidInput, /DNS name/);
  });

  it('creates a self-signed certificate client from distinct thumbprints', () => {
    const certificate = { x5tS256: THUMBPRINT, subject: 'CN=device', notAfter: '2027-01-01T00:00:00.000Z' };
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [certificate] }))
      .then([clientCreated({ tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [certificate] })]);
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [] }))
      .thenThrows(InvalidInput, /at least one certificate/);
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: [certificate, certificate] }))
      .thenThrows(InvalidInput, /twice/);
  });

  it('records certificate-bound tokens for a secret client that asks, and leaves the flag implied for certificate clients', () => {
    spec
      .given([created])
      .when(create({ tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd' }, { certificateBoundAccessTokens: true }))
      .then([clientCreated({ tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: 'd' }, { certificateBoundAccessTokens: true })]);
    spec
      .given([created])
      .when(
        create(
          { tokenEndpointAuthMethod: 'tls_client_auth', names: { tls_client_auth_san_dns: 'a.example' } },
          { certificateBoundAccessTokens: true },
        ),
      )
      .then([
        clientCreated({
          tokenEndpointAuthMethod: 'tls_client_auth',
          tlsClientAuth: { kind: 'tls_client_auth_san_dns', value: 'a.example' },
        }),
      ]);
  });

  it('has no secret to rotate', () => {
    const federated = clientCreated({
      tokenEndpointAuthMethod: 'tls_client_auth',
      tlsClientAuth: { kind: 'tls_client_auth_san_dns', value: 'a.example' },
    });
    spec
      .given([created, federated])
      .when({ type: 'RotateClientSecret', credentialId: 'cr-1', secretDigest: 'd2', graceSeconds: 0, now })
      .thenThrows(NotAnOAuthClient, /tls_client_auth client has no secret/);
  });
});
