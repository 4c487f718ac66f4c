import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { EVENT_STORE } from '@keyward/application';
import { tokenIssuanceStream } from '@keyward/domain';
import type { EventStore } from '@keyward/event-store';
import { ProjectionRunner } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import { startOidcTestIssuer, type OidcTestIssuerProcess } from '@keyward/testing/oidc-issuer';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, clientAssertion, type ClientKey, newClientKey, postForm } from '../support/oauth-client';

type PrivateKey = Parameters<SignJWT['sign']>[0];
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
// Behind a load balancer every replica has the same issuer: what assertions name as aud and DPoP proofs as htu.
const ISSUER = 'http://keyward.replicas.test';
const TOKEN_ENDPOINT = `${ISSUER}/oauth/token`;
// The victim organization uses 7 one-time jtis in this file, the flooder more than the bound.
const BOUND = 10;

/**
 * One-time jtis (RFC 7523 §3 item 7, RFC 9449 §11.1) over real HTTP on two replicas sharing one store (the
 * SQLite file, or the EventStoreDB double in the esdb projects): a jti used at one is refused at the other,
 * and one organization flooding unique jtis is refused alone (REPLAY_CLAIMS_PER_ORGANIZATION).
 */
describe('replay protection across replicas', () => {
  const clock = new TestClock();
  let issuer: OidcTestIssuerProcess;
  let first: KeywardUnderTest;
  let second: KeywardUnderTest;
  let victim: { orgId: string; clientId: string; clientSecret: string };
  let flooder: { orgId: string; clientId: string; clientSecret: string };
  let signer: { key: ClientKey; clientId: string };
  let federated: { clientId: string };
  let proofKey: { privateKey: PrivateKey; publicJwk: JWK };

  const env = {
    ISSUER,
    REPLAY_CLAIMS_PER_ORGANIZATION: String(BOUND),
    FEDERATION_ALLOW_INSECURE_ISSUERS: 'true',
  };
  const proof = (jti = crypto.randomUUID()) =>
    new SignJWT({ htm: 'POST', htu: TOKEN_ENDPOINT, jti, iat: Math.floor(clock.now().getTime() / 1000) })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: proofKey.publicJwk })
      .sign(proofKey.privateKey);
  const dpopGrant = (server: KeywardUnderTest, client: { clientId: string; clientSecret: string }, dpop: string) =>
    postForm(
      `${server.baseUrl}/oauth/token`,
      { grant_type: 'client_credentials' },
      { basic: { id: client.clientId, secret: client.clientSecret }, headers: { dpop } },
    );
  const assertionGrant = (server: KeywardUnderTest, assertion: string, clientId?: string) =>
    postForm(`${server.baseUrl}/oauth/token`, {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
      ...(clientId ? { client_id: clientId } : {}),
    });
  const refusalReasons = async (orgId: string) =>
    (await first.app.get<EventStore>(EVENT_STORE).readStream(tokenIssuanceStream(orgId)))
      .filter((event) => event.type === 'TokenRequestRefused')
      .map((event) => (event.data as { reason: string }).reason);

  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
    first = await startKeyward({ clock: clock.now, env });
    victim = await first.bootstrap('Victim', 'enterprise');
    flooder = await first.bootstrap('Flooder', 'enterprise');
    const api = adminApi(first.baseUrl, await accessToken(first.baseUrl, victim));
    const accountId = (await api('POST', '/service-accounts', { name: 'workloads' })).body.id;
    const key = await newClientKey('k1');
    const keyClient = await api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name: 'signer',
      scopes: ['read:service-accounts'],
      jwks: { keys: [key.publicJwk] },
    });
    signer = { key, clientId: keyClient.body.clientId };
    const federatedClient = await api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name: 'ci',
      scopes: ['read:service-accounts'],
      federation: { issuer: issuer.issuer, subject: 'repo:acme/app:ref:refs/heads/main', maxTokenAgeSeconds: 600 },
    });
    expect(federatedClient.status).toBe(201);
    federated = { clientId: federatedClient.body.clientId };
    const pair = await generateKeyPair('ES256', { extractable: true });
    proofKey = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
    // The second replica on the same DATA_DIR: the same SQLite file, or the same EventStoreDB double.
    second = await startKeyward({ dataDir: first.dataDir, clock: clock.now, env });
    const head = await first.app.get<EventStore>(EVENT_STORE).headPosition();
    await second.app.get(ProjectionRunner).waitFor(head!);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.dispose();
    await issuer?.stop();
  });

  it('refuses at the second replica a DPoP proof the first accepted', async () => {
    const used = await proof();
    expect((await dpopGrant(first, victim, used)).status).toBe(200);
    const replayed = await dpopGrant(second, victim, used);
    expect({ status: replayed.status, error: replayed.body.error }).toEqual({ status: 400, error: 'invalid_dpop_proof' });
    // And the other way round, on a stream the first replica already knows (its append then conflicts).
    const other = await proof();
    expect((await dpopGrant(second, victim, other)).status).toBe(200);
    expect((await dpopGrant(first, victim, other)).status).toBe(400);
    expect(await refusalReasons(victim.orgId)).toContain('dpop_jti_replayed');
  });

  it('refuses at the second replica a private_key_jwt assertion the first accepted', async () => {
    const assertion = await clientAssertion(signer.key, signer.clientId, TOKEN_ENDPOINT);
    expect((await assertionGrant(first, assertion)).status).toBe(200);
    const replayed = await assertionGrant(second, assertion);
    expect({ status: replayed.status, error: replayed.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    expect(await refusalReasons(victim.orgId)).toContain('assertion_replayed');
  });

  it('refuses at the second replica a federated token the first accepted', async () => {
    const now = Math.floor(clock.now().getTime() / 1000);
    const token = await issuer.sign({
      claims: { sub: 'repo:acme/app:ref:refs/heads/main', aud: ISSUER, iat: now, exp: now + 300, jti: crypto.randomUUID() },
    });
    expect((await assertionGrant(first, token, federated.clientId)).status).toBe(200);
    const replayed = await assertionGrant(second, token, federated.clientId);
    expect({ status: replayed.status, error: replayed.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    expect(await refusalReasons(victim.orgId)).toContain('federation_token_replayed');
  });

  it('refuses an organization flooding unique jtis alone; the others go on at both replicas', async () => {
    const answers: number[] = [];
    for (let i = 0; i <= BOUND; i++) answers.push((await dpopGrant(first, flooder, await proof())).status);
    expect(answers).toEqual([...Array<number>(BOUND).fill(200), 503]);
    const refused = await dpopGrant(first, flooder, await proof());
    expect(refused.body.error).toBe('temporarily_unavailable');
    expect(await refusalReasons(flooder.orgId)).toContain('replay_claims_full');
    for (const server of [first, second]) expect((await dpopGrant(server, victim, await proof())).status).toBe(200);
    const assertion = await clientAssertion(signer.key, signer.clientId, TOKEN_ENDPOINT);
    expect((await assertionGrant(second, assertion)).status).toBe(200);
    // Once its proofs leave the iat window, their claims expire and the organization gets room again.
    clock.advance(400);
    expect((await dpopGrant(first, flooder, await proof())).status).toBe(200);
  });
});
