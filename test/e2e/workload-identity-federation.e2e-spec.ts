import { decodeJwt } from 'jose';
import { startOidcTestIssuer, type OidcTestIssuerProcess } from '@keyward/testing/oidc-issuer';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, postForm } from '../support/oauth-client';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SUBJECT = 'repo:acme/reports:ref:refs/heads/main';

/**
 * Workload identity federation over real HTTP: keyward finds the keys of a real OpenID Provider process
 * (discovery, JWKS) and takes its tokens as client assertions. Every refusal is checked at the client
 * (the RFC error) and in the audit trail (the reason).
 */
describe('workload identity federation', () => {
  let issuer: OidcTestIssuerProcess;
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;
  let now = Date.now();
  const seconds = () => Math.floor(now / 1000);
  let jti = 0;

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    keyward = await startKeyward({ env: { FEDERATION_ALLOW_INSECURE_ISSUERS: 'true' }, clock: () => new Date(now) });
    const admin = await keyward.bootstrap('Federation');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    accountId = (await api('POST', '/service-accounts', { name: 'reports-ci' })).body.id;
  });
  afterAll(async () => {
    await keyward.dispose();
    await issuer.stop();
  });

  const createFederated = (name: string, federation: Record<string, unknown>) =>
    api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name,
      scopes: ['read:service-accounts'],
      federation,
    });
  const trusting = async (name: string, provider = issuer, extra: Record<string, unknown> = {}) => {
    const created = await createFederated(name, {
      issuer: provider.issuer,
      subject: SUBJECT,
      claims: { repository_owner: 'acme' },
      maxTokenAgeSeconds: 600,
      ...extra,
    });
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    return created.body as { id: string; clientId: string; clientSecret?: string };
  };
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: SUBJECT,
    aud: keyward.baseUrl,
    iat: seconds(),
    exp: seconds() + 300,
    jti: `jti-${++jti}`,
    repository_owner: 'acme',
    ...overrides,
  });
  const exchange = (clientId: string, assertion: string) =>
    postForm(`${keyward.baseUrl}/oauth/token`, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    });
  const lastRefusalReason = async (credentialId: string) => {
    const { body } = await api('GET', `/audit-events?serviceAccountId=${accountId}&limit=50`);
    const refusal = body.items.find(
      (item: { type: string; subject?: string }) =>
        item.type === 'keyward.token_request.refused.v1' && item.subject?.endsWith(credentialId),
    );
    return refusal?.data.reason as string | undefined;
  };
  const expectRefused = async (client: { id: string; clientId: string }, assertion: string, reason: string | RegExp, status = 401) => {
    const answer = await exchange(client.clientId, assertion);
    expect({ status: answer.status, error: answer.body.error }).toEqual({
      status,
      error: status === 401 ? 'invalid_client' : 'temporarily_unavailable',
    });
    expect(await lastRefusalReason(client.id)).toMatch(reason);
  };

  it('creates a client with no secret and shows its trust', async () => {
    const client = await trusting('shown');
    expect(client).toMatchObject({ tokenEndpointAuthMethod: 'federated_jwt' });
    expect(client.clientSecret).toBeUndefined();
    const account = await api('GET', `/service-accounts/${accountId}`);
    expect(account.body.credentials.find((c: { id: string }) => c.id === client.id)).toMatchObject({
      tokenEndpointAuthMethod: 'federated_jwt',
      federation: {
        issuer: issuer.issuer,
        subject: { match: 'exact', value: SUBJECT },
        claims: { repository_owner: 'acme' },
        maxTokenAgeSeconds: 600,
        allowTokenReuse: false,
      },
    });
  });

  it("issues a token for the provider's token and records the external issuer and subject", async () => {
    const client = await trusting('issues');
    const answer = await exchange(client.clientId, await issuer.sign({ claims: claims() }));
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.body.access_token)).toMatchObject({ client_id: client.clientId, sub: accountId });
    const { body } = await api('GET', `/audit-events?serviceAccountId=${accountId}&limit=50`);
    const issued = body.items.find(
      (item: { type: string; subject?: string }) => item.type === 'keyward.access_token.issued.v1' && item.subject?.endsWith(client.id),
    );
    expect(issued.data.details).toMatchObject({ authMethod: 'private_key_jwt', federatedIssuer: issuer.issuer, federatedSubject: SUBJECT });
  });

  it('refuses a wrong issuer, subject, audience or claim', async () => {
    const client = await trusting('mismatches');
    const other = await startOidcTestIssuer();
    try {
      await expectRefused(client, await other.sign({ claims: claims() }), 'federation_issuer_mismatch');
    } finally {
      await other.stop();
    }
    await expectRefused(
      client,
      await issuer.sign({ claims: claims({ sub: 'repo:acme/reports:pull_request' }) }),
      'federation_subject_mismatch',
    );
    await expectRefused(client, await issuer.sign({ claims: claims({ aud: 'https://github.com/acme' }) }), 'federation_audience_mismatch');
    await expectRefused(client, await issuer.sign({ claims: claims({ repository_owner: 'evil' }) }), 'federation_claim_mismatch');
  });

  it('refuses expired tokens, tokens not yet valid, and a replayed jti', async () => {
    const client = await trusting('times');
    await expectRefused(
      client,
      await issuer.sign({ claims: claims({ iat: seconds() - 400, exp: seconds() - 60 }) }),
      'federation_token_expired',
    );
    await expectRefused(client, await issuer.sign({ claims: claims({ nbf: seconds() + 120 }) }), 'federation_token_not_yet_valid');
    const once = await issuer.sign({ claims: claims() });
    expect((await exchange(client.clientId, once)).status).toBe(200);
    await expectRefused(client, once, 'federation_token_replayed');
    await expectRefused(client, await issuer.sign({ claims: claims({ jti: undefined }) }), 'federation_jti_missing');
  });

  it('refuses alg none, an HMAC keyed with the public key, and a key the provider never published', async () => {
    const client = await trusting('algorithms');
    await expectRefused(client, await issuer.sign({ claims: claims(), alg: 'none' }), 'federation_alg_not_allowed');
    await expectRefused(client, await issuer.sign({ claims: claims(), alg: 'HS256' }), 'federation_alg_not_allowed');
    now += 31_000; // past the unknown-kid cooldown: keyward does fetch the JWKS again, and still finds no such key
    await expectRefused(client, await issuer.sign({ claims: claims(), unpublishedKey: true }), 'federation_unknown_kid');
  });

  it('picks up a rotated provider key by fetching the JWKS again', async () => {
    const client = await trusting('rotation');
    expect((await exchange(client.clientId, await issuer.sign({ claims: claims() }))).status).toBe(200);
    const jwksFetches = (await issuer.state()).fetches.jwks;
    await issuer.rotate('RS256');
    now += 31_000;
    expect((await exchange(client.clientId, await issuer.sign({ claims: claims() }))).status).toBe(200);
    expect((await issuer.state()).fetches.jwks).toBe(jwksFetches + 1);
  });

  it('fails closed with 503 while the provider is down, recorded with the reason', async () => {
    const provider = await startOidcTestIssuer();
    const client = await trusting('outage', provider);
    const token = await provider.sign({ claims: claims() });
    await provider.stop();
    await expectRefused(client, token, 'issuer_unreachable', 503);
  });

  it('lets a credential accept the same token again when it allows reuse', async () => {
    const client = await trusting('kubernetes-style', issuer, { allowTokenReuse: true });
    const token = await issuer.sign({ claims: claims({ jti: undefined }) });
    expect((await exchange(client.clientId, token)).status).toBe(200);
    expect((await exchange(client.clientId, token)).status).toBe(200);
  });

  it('refuses bad trust settings at creation, naming the field', async () => {
    expect((await createFederated('no-subject', { issuer: issuer.issuer })).body).toMatchObject({ field: 'federation.subject' });
    expect((await createFederated('typo', { issuer: issuer.issuer, subjet: SUBJECT })).body).toMatchObject({ field: 'federation.subjet' });
    expect((await createFederated('wild', { issuer: issuer.issuer, subjectPattern: '*' })).body).toMatchObject({
      field: 'federation.subjectPattern',
    });
    const both = await api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name: 'both',
      scopes: ['read:service-accounts'],
      federation: { issuer: issuer.issuer, subject: SUBJECT },
      jwks: { keys: [] },
    });
    expect(both).toMatchObject({
      status: 400,
      body: { field: 'federation', message: expect.stringMatching(/does not go with private_key_jwt/) },
    });
  });
});

describe('workload identity federation without FEDERATION_ALLOW_INSECURE_ISSUERS', () => {
  it('refuses an http issuer', async () => {
    const keyward = await startKeyward();
    try {
      const admin = await keyward.bootstrap('Strict');
      const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
      const accountId = (await api('POST', '/service-accounts', { name: 'ci' })).body.id;
      const answer = await api('POST', `/service-accounts/${accountId}/credentials`, {
        type: 'oauth_client',
        name: 'http',
        scopes: ['read:service-accounts'],
        federation: { issuer: 'http://127.0.0.1:1', subject: SUBJECT },
      });
      expect(answer).toMatchObject({ status: 400, body: { field: 'federation.issuer', message: expect.stringMatching(/https/) } });
    } finally {
      await keyward.dispose();
    }
  });
});
