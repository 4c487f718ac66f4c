import { randomBytes } from 'node:crypto';
import { DEFAULT_ORGANIZATION_POLICY, type AccessTokenRevokedData, type TokenIssuanceEvent } from '@keyward/domain';
import type { ApiTokenView, ClientCredentialView, SecretClientView } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import { AccessTokenReader } from '../access-token/access-token-reader';
import { ClientAuthenticator, clientAuthenticationVerifiers } from '../client-authentication/client-authenticator';
import { ClientSecretVerifier } from '../client-authentication/client-secret-verifier';
import { EndpointPreamble } from '../endpoint/endpoint-preamble';
import { InvalidClient, InvalidRequest, UnauthorizedClient } from '../errors/oauth-errors';
import { FederatedAssertionVerifier } from '../federation/federated-assertion-verifier';
import { FederatedClientVerifier } from '../federation/federated-client-verifier';
import { DEFAULT_KEY_SET_SETTINGS, IssuerKeySets } from '../federation/issuer-key-sets';
import { ClientCertificateVerifier } from '../mtls/client-certificate-verifier';
import { ClientAssertionVerifier } from '../private-key-jwt/client-assertion-verifier';
import { InMemoryReplayGuard } from '../replay/in-memory-replay-guard';
import { generateClientId, generateSecret } from '../secrets/generated-secret';
import { SecretDigester } from '../secrets/secret-digester';
import { generateSigningKey } from '../signing/generate-signing-key';
import { PrivateKeyCipher } from '../signing/private-key-cipher';
import { SigningKeyRing } from '../signing/signing-key-ring';
import { AccessTokenSigner } from '../token-endpoint/access-token-signer';
import { TokenRefusalRecorder } from '../token-endpoint/token-refusal-recorder';
import { RevocationEndpoint } from './revocation-endpoint';

const issuer = 'https://keyward.test';
const context = { sourceIp: '203.0.113.9', userAgent: 'spec', correlationId: 'c-1' };

/** The revocation endpoint wired in memory as the server wires it (real key ring, verifiers, refusal recorder): no server, no store. */
async function revocationRig() {
  const clock = new TestClock(Date.parse('2026-12-01T10:00:00Z'));
  const digester = new SecretDigester(randomBytes(32));
  const at = clock.now().getTime();
  const secretClient = (credentialId: string, serviceAccountId: string, scopes: readonly string[], secret: string): SecretClientView => ({
    type: 'oauth_client',
    tokenEndpointAuthMethod: 'client_secret_basic',
    credentialId,
    clientId: generateClientId(),
    organizationId: 'org-1',
    serviceAccountId,
    scopes,
    audiences: [],
    certificateBoundAccessTokens: false,
    currentSecretDigest: digester.digest(secret),
    secretIssuedAtMs: at,
    createdAtMs: at,
    revoked: false,
    expired: false,
    accountStatus: 'active',
  });
  const secrets = { app: generateSecret('clientSecret'), sibling: generateSecret('clientSecret'), other: generateSecret('clientSecret') };
  const secretsAdmin = generateSecret('clientSecret');
  // app and sibling: two clients of one account; other: another account's client; admin: an org admin client.
  const clients = {
    app: secretClient('cr-app', 'sa-1', ['read'], secrets.app),
    sibling: secretClient('cr-sibling', 'sa-1', ['read'], secrets.sibling),
    other: secretClient('cr-other', 'sa-2', ['read'], secrets.other),
    admin: secretClient('cr-admin', 'sa-3', ['manage:service-accounts'], secretsAdmin),
  };
  const secretOf = { ...secrets, admin: secretsAdmin };
  const apiTokenSecret = generateSecret('apiToken');
  let apiToken: ApiTokenView = {
    type: 'api_token',
    credentialId: 'cr-token',
    organizationId: 'org-1',
    serviceAccountId: 'sa-1',
    scopes: ['read'],
    createdAtMs: at,
    expiresAtMs: at + 86_400_000,
    revoked: false,
    expired: false,
    accountStatus: 'active',
  };
  const byClientId = (id: string | undefined): ClientCredentialView | undefined => Object.values(clients).find((c) => c.clientId === id);
  const credentials = { findByClientId: byClientId, policyOf: () => DEFAULT_ORGANIZATION_POLICY };
  const tokenLookups = { findByDigest: (digest: string) => (digest === digester.digest(apiTokenSecret) ? apiToken : undefined) };

  const cipher = new PrivateKeyCipher(randomBytes(32));
  const ring = new SigningKeyRing({ cipher });
  const key = await generateSigningKey('ES256', cipher, clock.now());
  ring.apply(key);
  ring.apply({ type: 'SigningKeyActivated', data: { kid: key.data.kid, activatedAt: clock.now().toISOString() } });
  const replays = () => new InMemoryReplayGuard({ maxPerOrganization: 100, clock: clock.now });
  const authenticator = new ClientAuthenticator(
    clientAuthenticationVerifiers({
      secrets: new ClientSecretVerifier({ credentials, digester, clock: clock.now }),
      assertions: new ClientAssertionVerifier({
        credentials,
        replays: replays(),
        settings: { issuer, tokenEndpoint: `${issuer}/oauth/token` },
        clock: clock.now,
      }),
      federation: new FederatedClientVerifier({
        credentials,
        assertions: new FederatedAssertionVerifier({
          keySets: new IssuerKeySets({
            fetchJson: async () => ({}),
            settings: { ...DEFAULT_KEY_SET_SETTINGS, allowInsecure: false },
            clock: clock.now,
          }),
          replays: replays(),
          issuer,
          clock: clock.now,
        }),
      }),
      certificates: new ClientCertificateVerifier({ credentials, clock: clock.now }),
    }),
  );
  const revokedJtis = new Set<string>();
  const revocations: AccessTokenRevokedData[] = [];
  const apiTokenRevocations: { credentialId: string; by: string }[] = [];
  const refusals: TokenIssuanceEvent[] = [];
  const endpoint = new RevocationEndpoint({
    preamble: new EndpointPreamble({ authenticator, policies: credentials, clock: clock.now, endpointUrl: `${issuer}/oauth/revoke` }),
    accessTokens: new AccessTokenReader({ keys: ring, issuer, clock: clock.now }),
    apiTokens: tokenLookups,
    revoked: { isRevoked: (jti) => revokedJtis.has(jti) },
    digester,
    // The recorder's contract: durable, then applied to this process's read models.
    recorder: {
      revokeAccessToken: async (revocation) => {
        revocations.push(revocation);
        revokedJtis.add(revocation.jti);
      },
      revokeApiToken: async (target, by) => {
        apiTokenRevocations.push({ credentialId: target.credentialId, by });
        apiToken = { ...apiToken, revoked: true };
      },
    },
    refusals: new TokenRefusalRecorder({ credentials, recorder: { record: async (event) => void refusals.push(event) }, clock: clock.now }),
    clock: clock.now,
  });

  const signer = new AccessTokenSigner({ keys: ring, issuer });
  let issued = 0;
  const accessTokenOf = async (client: SecretClientView, organizationId = client.organizationId) => {
    const issuedAt = Math.floor(clock.now().getTime() / 1000);
    const jti = `jti-${++issued}`;
    const { token } = await signer.sign({
      jti,
      sub: client.serviceAccountId,
      aud: issuer,
      clientId: client.clientId,
      organizationId,
      scopes: ['read'],
      issuedAt,
      expiresAt: issuedAt + 3600,
    });
    return { token, jti };
  };
  type Caller = keyof typeof clients;
  const revoke = (as: Caller, form: Record<string, string>, secret = secretOf[as]) =>
    endpoint.handle(
      {
        body: { client_id: clients[as].clientId, client_secret: secret, ...form },
        contentType: 'application/x-www-form-urlencoded',
        authorization: undefined,
        sourceIp: context.sourceIp,
        userAgent: context.userAgent,
      },
      context,
    );
  return { clock, clients, revoke, accessTokenOf, apiTokenSecret, revocations, apiTokenRevocations, refusals, revokedJtis };
}

describe('RevocationEndpoint (RFC 7009), in memory', () => {
  it('revokes the caller’s own access token by its jti until it expires, once (§2.1)', async () => {
    const rig = await revocationRig();
    const { token, jti } = await rig.accessTokenOf(rig.clients.app);
    await expect(rig.revoke('app', { token })).resolves.toBeUndefined();
    expect(rig.revocations).toEqual([
      expect.objectContaining({
        jti,
        clientId: rig.clients.app.clientId,
        revokedByClientId: rig.clients.app.clientId,
        serviceAccountId: 'sa-1',
      }),
    ]);
    // Revoking again is 200 with nothing recorded: the client's goal is reached (§2.2).
    await rig.revoke('app', { token });
    expect(rig.revocations).toHaveLength(1);
  });

  it('answers 200 and records nothing for an unknown, malformed or expired token (§2.2)', async () => {
    const rig = await revocationRig();
    const { token } = await rig.accessTokenOf(rig.clients.app);
    await rig.revoke('app', { token: 'not-a-token' });
    await rig.revoke('app', { token: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' });
    await rig.revoke('app', { token: generateSecret('apiToken') });
    rig.clock.advance(3601);
    await rig.revoke('app', { token });
    expect(rig.revocations).toEqual([]);
    expect(rig.apiTokenRevocations).toEqual([]);
  });

  it('refuses to revoke another client’s token (unauthorized_client) and leaves it live; an org admin client may', async () => {
    const rig = await revocationRig();
    const { token, jti } = await rig.accessTokenOf(rig.clients.app);
    await expect(rig.revoke('sibling', { token })).rejects.toMatchObject({ error: 'unauthorized_client', status: 400 });
    await expect(rig.revoke('other', { token })).rejects.toThrow(UnauthorizedClient);
    expect(rig.revokedJtis.has(jti)).toBe(false);
    await rig.revoke('admin', { token });
    expect(rig.revocations).toEqual([expect.objectContaining({ jti, revokedByClientId: rig.clients.admin.clientId })]);
  });

  it('treats another organization’s token as unknown: 200, nothing revoked, nothing told', async () => {
    const rig = await revocationRig();
    const { token } = await rig.accessTokenOf(rig.clients.app, 'org-2');
    await expect(rig.revoke('admin', { token })).resolves.toBeUndefined();
    expect(rig.revocations).toEqual([]);
  });

  it('revokes an API token of the caller’s own account, refuses one of another account', async () => {
    const rig = await revocationRig();
    await expect(rig.revoke('other', { token: rig.apiTokenSecret })).rejects.toMatchObject({ error: 'unauthorized_client' });
    expect(rig.apiTokenRevocations).toEqual([]);
    await rig.revoke('sibling', { token: rig.apiTokenSecret });
    expect(rig.apiTokenRevocations).toEqual([{ credentialId: 'cr-token', by: 'sa-1' }]);
    // Already revoked: 200, nothing more recorded.
    await rig.revoke('app', { token: rig.apiTokenSecret });
    expect(rig.apiTokenRevocations).toHaveLength(1);
  });

  it('takes token_type_hint as a hint only: a wrong or unsupported type still finds the token (§2.1, §2.2.1)', async () => {
    const rig = await revocationRig();
    const { token, jti } = await rig.accessTokenOf(rig.clients.app);
    // keyward revokes every type it issues, so unsupported_token_type never applies; it issues no refresh tokens.
    await rig.revoke('app', { token, token_type_hint: 'refresh_token' });
    await rig.revoke('app', { token: rig.apiTokenSecret, token_type_hint: 'access_token' });
    expect(rig.revocations.map((r) => r.jti)).toEqual([jti]);
    expect(rig.apiTokenRevocations).toEqual([{ credentialId: 'cr-token', by: 'sa-1' }]);
  });

  it('refuses a request without a token, a repeated parameter and a body that is not a form (invalid_request)', async () => {
    const rig = await revocationRig();
    await expect(rig.revoke('app', {})).rejects.toThrow(InvalidRequest);
    await expect(rig.revoke('app', { token: ['a', 'b'] as never })).rejects.toThrow(InvalidRequest);
    expect(rig.revocations).toEqual([]);
  });

  it('refuses a caller that fails authentication (invalid_client) and records the refusal with its endpoint', async () => {
    const rig = await revocationRig();
    const { token, jti } = await rig.accessTokenOf(rig.clients.app);
    await expect(rig.revoke('app', { token }, generateSecret('clientSecret'))).rejects.toThrow(InvalidClient);
    expect(rig.revokedJtis.has(jti)).toBe(false);
    expect(rig.refusals).toEqual([
      expect.objectContaining({
        type: 'TokenRequestRefused',
        data: expect.objectContaining({ error: 'invalid_client', endpoint: 'revocation', clientId: rig.clients.app.clientId }),
      }),
    ]);
  });
});
