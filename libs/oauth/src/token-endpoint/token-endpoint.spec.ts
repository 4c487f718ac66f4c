import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { DEFAULT_ORGANIZATION_POLICY, type TokenIssuanceEvent } from '@keyward/domain';
import type { SecretClientView } from '@keyward/projections';
import { ClientAuthenticator, clientAuthenticationVerifiers } from '../client-authentication/client-authenticator';
import { ClientSecretVerifier } from '../client-authentication/client-secret-verifier';
import { DPoPProofVerifier } from '../dpop/dpop-proof-verifier';
import { EndpointPreamble } from '../endpoint/endpoint-preamble';
import { InvalidClient, InvalidScope, TemporarilyUnavailable, UnauthorizedClient, UnsupportedGrantType } from '../errors/oauth-errors';
import { FederatedAssertionVerifier } from '../federation/federated-assertion-verifier';
import { FederatedClientVerifier } from '../federation/federated-client-verifier';
import { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets } from '../federation/issuer-key-sets';
import { grantHandlers } from '../grants/grant-handlers';
import { ClientCertificateVerifier } from '../mtls/client-certificate-verifier';
import { ClientAssertionVerifier } from '../private-key-jwt/client-assertion-verifier';
import { InMemoryReplayGuard } from '../replay/in-memory-replay-guard';
import { generateClientId, generateSecret } from '../secrets/generated-secret';
import { SecretDigester } from '../secrets/secret-digester';
import { generateSigningKey } from '../signing/generate-signing-key';
import { PrivateKeyCipher } from '../signing/private-key-cipher';
import { SigningKeyRing } from '../signing/signing-key-ring';
import { AccessTokenIssuer } from './access-token-issuer';
import { AccessTokenSigner } from './access-token-signer';
import type { GrantHandler, GrantHandlers } from './grant-handler';
import { TOKEN_ENDPOINT_REPEATABLE, TokenEndpoint, type TokenEndpointRequest } from './token-endpoint';
import { TokenRefusalRecorder } from './token-refusal-recorder';

const issuer = 'https://keyward.test';
const now = new Date('2026-12-01T10:00:00Z');
const clock = () => now;
const context = { sourceIp: '203.0.113.9', userAgent: 'spec', correlationId: 'c-1' };

/** The token endpoint wired in memory as the server wires it; `extra` grants join the shipped ones. */
async function tokenEndpointRig(options: { extra?: GrantHandlers; failAppend?: boolean } = {}) {
  const digester = new SecretDigester(randomBytes(32));
  const secret = generateSecret('clientSecret');
  let credential: SecretClientView = {
    type: 'oauth_client',
    credentialId: 'cred-1',
    clientId: generateClientId(),
    organizationId: 'org-1',
    serviceAccountId: 'sa-1',
    scopes: ['read:reports', 'write:reports'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    currentSecretDigest: digester.digest(secret),
    secretIssuedAtMs: now.getTime(),
    audiences: [],
    createdAtMs: now.getTime(),
    revoked: false,
    expired: false,
    accountStatus: 'active',
    certificateBoundAccessTokens: false,
  };
  let policy = DEFAULT_ORGANIZATION_POLICY;
  const credentials = { findByClientId: (id: string) => (id === credential.clientId ? credential : undefined), policyOf: () => policy };
  const recorded: TokenIssuanceEvent[] = [];
  const recorder = {
    record: async (event: TokenIssuanceEvent) => {
      if (options.failAppend && event.type === 'AccessTokenIssued') throw new Error('disk full');
      recorded.push(event);
    },
  };
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const ring = new SigningKeyRing({ cipher });
  const created = await generateSigningKey('ES256', cipher, now);
  ring.apply(created);
  ring.apply({ type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: now.toISOString() } });
  const authenticator = new ClientAuthenticator(
    clientAuthenticationVerifiers({
      secrets: new ClientSecretVerifier({ credentials, digester, clock }),
      assertions: new ClientAssertionVerifier({
        credentials,
        replays: new InMemoryReplayGuard({ maxPerOrganization: 1000, clock }),
        settings: { issuer, tokenEndpoint: `${issuer}/oauth/token` },
        clock,
      }),
      federation: new FederatedClientVerifier({
        credentials,
        assertions: new FederatedAssertionVerifier({
          keySets: new IssuerKeySets({
            fetchJson: async () => ({}),
            settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: false },
            clock,
          }),
          replays: new InMemoryReplayGuard({ maxPerOrganization: 1000, clock }),
          issuer,
          clock,
        }),
      }),
      certificates: new ClientCertificateVerifier({ credentials, clock }),
    }),
  );
  const endpoint = new TokenEndpoint({
    preamble: new EndpointPreamble({
      authenticator,
      policies: credentials,
      clock,
      endpointUrl: `${issuer}/oauth/token`,
      repeatable: TOKEN_ENDPOINT_REPEATABLE,
    }),
    grants: {
      ...grantHandlers({
        policies: credentials,
        dpop: new DPoPProofVerifier({ replays: new InMemoryReplayGuard({ maxPerOrganization: 1000, clock }), clock }),
        settings: { accessTokenTtlSeconds: 3600, issuer, tokenEndpoint: `${issuer}/oauth/token` },
      }),
      ...options.extra,
    },
    issuer: new AccessTokenIssuer({ signer: new AccessTokenSigner({ keys: ring, issuer }), recorder, clock, newId: () => 'jti-1' }),
    refusals: new TokenRefusalRecorder({ credentials, recorder, clock }),
  });
  const request = (body: Record<string, string | string[]>, clientSecret = secret): TokenEndpointRequest => ({
    body: { client_id: credential.clientId, client_secret: clientSecret, ...body },
    contentType: 'application/x-www-form-urlencoded',
    authorization: undefined,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent,
  });
  const change = (patch: Partial<SecretClientView>) => (credential = { ...credential, ...patch });
  const setPolicy = (patch: Partial<typeof policy>) => (policy = { ...policy, ...patch });
  return { endpoint, request, recorded, change, setPolicy };
}

describe('token endpoint: the grant seam (RFC 6749 §3.2)', () => {
  it('issues a client_credentials token and records its grant type and auth method before answering', async () => {
    const rig = await tokenEndpointRig();
    const response = await rig.endpoint.handle(rig.request({ grant_type: 'client_credentials', scope: 'read:reports' }), context);
    expect(response).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read:reports' });
    expect(decodeJwt(response.access_token)).toMatchObject({ iss: issuer, sub: 'sa-1', aud: issuer, jti: 'jti-1', scope: 'read:reports' });
    expect(rig.recorded).toEqual([
      expect.objectContaining({
        type: 'AccessTokenIssued',
        data: expect.objectContaining({ grantType: 'client_credentials', authMethod: 'client_secret_post', jti: 'jti-1' }),
      }),
    ]);
  });

  it('dispatches a grant_type to the handler registered for it, and advertises it', async () => {
    const assertionGrant: GrantHandler = {
      grant: async ({ client }) => ({ scopes: client.credential.scopes.slice(0, 1), audience: 'https://api.test', lifetimeSeconds: 60 }),
    };
    const rig = await tokenEndpointRig({ extra: { 'urn:example:grant': assertionGrant } });
    expect(rig.endpoint.grantTypes).toEqual(['client_credentials', 'urn:example:grant']);
    const response = await rig.endpoint.handle(rig.request({ grant_type: 'urn:example:grant' }), context);
    expect(response).toMatchObject({ expires_in: 60, scope: 'read:reports' });
    expect(rig.recorded[0]).toMatchObject({
      type: 'AccessTokenIssued',
      data: { grantType: 'urn:example:grant', audience: 'https://api.test' },
    });
  });

  it.each([['password'], ['constructor'], ['__proto__']])(
    'refuses grant_type %s as unsupported and records the refusal in the client’s organization',
    async (grantType) => {
      const rig = await tokenEndpointRig();
      await expect(rig.endpoint.handle(rig.request({ grant_type: grantType }), context)).rejects.toBeInstanceOf(UnsupportedGrantType);
      expect(rig.recorded).toEqual([
        expect.objectContaining({
          type: 'TokenRequestRefused',
          data: expect.objectContaining({ error: 'unsupported_grant_type', organizationId: 'org-1' }),
        }),
      ]);
    },
  );

  it('records a wrong secret under the presented client, a refused scope under the authenticated one', async () => {
    const rig = await tokenEndpointRig();
    await expect(
      rig.endpoint.handle(rig.request({ grant_type: 'client_credentials' }, generateSecret('clientSecret')), context),
    ).rejects.toBeInstanceOf(InvalidClient);
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'client_credentials', scope: 'admin' }), context)).rejects.toBeInstanceOf(
      InvalidScope,
    );
    expect(rig.recorded.map((event) => event.type === 'TokenRequestRefused' && [event.data.reason, event.data.credentialId])).toEqual([
      ['wrong_secret', 'cred-1'],
      ['scope_not_granted', 'cred-1'],
    ]);
  });

  it('applies the usability rule before any grant: revoked like an unknown client, suspended as unauthorized_client', async () => {
    const rig = await tokenEndpointRig();
    rig.change({ revoked: true });
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'password' }), context)).rejects.toMatchObject({
      error: 'invalid_client',
      reason: 'credential_revoked',
    });
    rig.change({ revoked: false, accountStatus: 'suspended' });
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'client_credentials' }), context)).rejects.toBeInstanceOf(
      UnauthorizedClient,
    );
    expect(rig.recorded.map((event) => event.type === 'TokenRequestRefused' && event.data.reason)).toEqual([
      'credential_revoked',
      'service_account_suspended',
    ]);
  });

  it('stops a secret at the organization’s max age, at that instant, before any sweeper records it', async () => {
    const rig = await tokenEndpointRig();
    rig.change({ secretIssuedAtMs: now.getTime() - 30 * 86_400_000 });
    rig.setPolicy({ clientSecretMaxAgeDays: 31 });
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'client_credentials' }), context)).resolves.toMatchObject({
      token_type: 'Bearer',
    });
    rig.setPolicy({ clientSecretMaxAgeDays: 30 });
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'client_credentials' }), context)).rejects.toMatchObject({
      error: 'invalid_client',
      reason: 'client_secret_max_age',
    });
  });

  it('answers 503 and hands out no token when AccessTokenIssued cannot be recorded, recording no refusal', async () => {
    const rig = await tokenEndpointRig({ failAppend: true });
    await expect(rig.endpoint.handle(rig.request({ grant_type: 'client_credentials' }), context)).rejects.toBeInstanceOf(
      TemporarilyUnavailable,
    );
    expect(rig.recorded).toEqual([]);
  });

  it('lets resource repeat (RFC 8707 §2) but no other parameter (RFC 6749 §3.2)', async () => {
    const rig = await tokenEndpointRig();
    rig.change({ audiences: ['https://a.test/', 'https://b.test/'] });
    await expect(
      rig.endpoint.handle(rig.request({ grant_type: 'client_credentials', resource: ['https://a.test/', 'https://b.test/'] }), context),
    ).resolves.toMatchObject({ token_type: 'Bearer' });
    expect(rig.recorded[0]).toMatchObject({ data: { audience: ['https://a.test/', 'https://b.test/'] } });
    await expect(
      rig.endpoint.handle(rig.request({ grant_type: 'client_credentials', scope: ['read:reports', 'write:reports'] }), context),
    ).rejects.toMatchObject({ error: 'invalid_request' });
  });
});
