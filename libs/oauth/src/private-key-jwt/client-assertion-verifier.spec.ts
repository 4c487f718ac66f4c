import type { ClientPublicJwk } from '@keyward/domain';
import type { ClientCredentialView, KeyClientView } from '@keyward/projections';
import { TestClock } from '@keyward/testing/test-clock';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { InvalidClient } from '../errors/oauth-errors';
import { InMemoryReplayGuard } from '../replay/in-memory-replay-guard';
import { ClientAssertionVerifier } from './client-assertion-verifier';

type PrivateKey = Parameters<SignJWT['sign']>[0];
const ISSUER = 'https://keyward.example';
const TOKEN_ENDPOINT = `${ISSUER}/oauth/token`;
const CLIENT_ID = 'kw_ci_signer';

/** RFC 7523 §3 (and OIDC Core §9) checks, each refused with its own reason, on a verifier built without a server. */
describe('ClientAssertionVerifier (private_key_jwt)', () => {
  const clock = new TestClock(Date.parse('2026-03-01T10:00:00Z'));
  const seconds = () => Math.floor(clock.now().getTime() / 1000);
  let privateKey: PrivateKey;
  let otherKey: PrivateKey;
  let client: KeyClientView;
  let verifier: ClientAssertionVerifier;
  let n = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' } as ClientPublicJwk;
    client = keyClient(jwk);
    const secretClient = {
      ...client,
      clientId: 'kw_ci_secret',
      tokenEndpointAuthMethod: 'client_secret_basic',
    } as unknown as ClientCredentialView;
    const byId = new Map<string, ClientCredentialView>([
      [client.clientId, client],
      [secretClient.clientId, secretClient],
    ]);
    verifier = new ClientAssertionVerifier({
      credentials: { findByClientId: (id) => byId.get(id) },
      replays: new InMemoryReplayGuard({ maxPerOrganization: 100, clock: clock.now }),
      settings: { issuer: ISSUER, tokenEndpoint: TOKEN_ENDPOINT },
      clock: clock.now,
    });
  });

  const claims = (over: JWTPayload = {}): JWTPayload => ({
    iss: CLIENT_ID,
    sub: CLIENT_ID,
    aud: TOKEN_ENDPOINT,
    iat: seconds(),
    exp: seconds() + 120,
    jti: `jti-${++n}`,
    ...over,
  });
  const sign = (payload: JWTPayload = claims(), header: Record<string, unknown> = {}, key = privateKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'k1', ...header }).sign(key);
  const reasonOf = async (assertion: string | Promise<string>, claimedClientId?: string) => {
    const refused = await verifier.verify(await assertion, claimedClientId, TOKEN_ENDPOINT).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(refused instanceof InvalidClient)) throw new Error(`expected a refusal, got ${String(refused)}`);
    // RFC 7521 §4.2.1: one answer for every refusal; the reason is for the audit trail only.
    expect(refused).toMatchObject({ status: 401, error: 'invalid_client', message: 'client authentication failed' });
    return refused.reason;
  };

  it('accepts a signed assertion with aud = the issuer or the token endpoint', async () => {
    for (const aud of [ISSUER, TOKEN_ENDPOINT])
      await expect(verifier.verify(await sign(claims({ aud })), CLIENT_ID, TOKEN_ENDPOINT)).resolves.toBe(client);
  });

  it('refuses what is not a compact JWS, or an alg outside the allowed list', async () => {
    expect(await reasonOf('not-a-jwt')).toBe('malformed_assertion');
    expect(await reasonOf(`${b64({ alg: 'none' })}.${b64(claims())}.`)).toBe('assertion_alg_not_allowed');
    expect(await reasonOf(`${b64({ alg: 'HS256' })}.${b64(claims())}.c2ln`)).toBe('assertion_alg_not_allowed');
  });

  it('§3 items 1-2: iss and sub are both the client_id', async () => {
    expect(await reasonOf(sign(claims({ iss: undefined, sub: undefined })))).toBe('assertion_iss_sub_missing');
    expect(await reasonOf(sign(claims({ iss: 'kw_ci_other' })))).toBe('assertion_iss_sub_mismatch');
    expect(await reasonOf(sign(), 'kw_ci_other')).toBe('assertion_client_id_mismatch');
  });

  it('refuses an unknown client, or one registered for another method', async () => {
    expect(await reasonOf(sign(claims({ iss: 'kw_ci_nobody', sub: 'kw_ci_nobody' })))).toBe('unknown_client');
    expect(await reasonOf(sign(claims({ iss: 'kw_ci_secret', sub: 'kw_ci_secret' })))).toBe('auth_method_not_registered');
  });

  it('tries only the key its kid names, and refuses a bad signature', async () => {
    expect(await reasonOf(sign(claims(), { kid: 'k9' }))).toBe('unknown_kid');
    expect(await reasonOf(sign(claims(), {}, otherKey))).toBe('assertion_signature_invalid');
  });

  it('§3 item 3: exactly one audience, this server', async () => {
    expect(await reasonOf(sign(claims({ aud: 'https://elsewhere.example' })))).toBe('assertion_aud_invalid');
    expect(await reasonOf(sign(claims({ aud: [TOKEN_ENDPOINT, 'https://elsewhere.example'] })))).toBe('assertion_aud_invalid');
  });

  it('refuses a typ of another kind of JWT', async () => {
    expect(await reasonOf(sign(claims(), { typ: 'dpop+jwt' }))).toBe('assertion_typ_invalid');
    await expect(verifier.verify(await sign(claims(), { typ: 'application/JWT' }), CLIENT_ID, TOKEN_ENDPOINT)).resolves.toBe(client);
  });

  it('§3 items 4-6: exp in the future but not too far, iat not in the future', async () => {
    expect(await reasonOf(sign(claims({ exp: seconds() - 60 })))).toBe('assertion_expired');
    expect(await reasonOf(sign(claims({ exp: seconds() + 3600 })))).toBe('assertion_exp_too_far');
    expect(await reasonOf(sign(claims({ iat: seconds() + 120 })))).toBe('assertion_iat_in_future');
  });

  it('§3 item 7: a jti, used once', async () => {
    expect(await reasonOf(sign(claims({ jti: undefined })))).toBe('assertion_jti_invalid');
    expect(await reasonOf(sign(claims({ jti: 'x'.repeat(257) })))).toBe('assertion_jti_invalid');
    const once = await sign();
    await verifier.verify(once, CLIENT_ID, TOKEN_ENDPOINT);
    expect(await reasonOf(once)).toBe('assertion_replayed');
  });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function keyClient(jwk: ClientPublicJwk): KeyClientView {
  return {
    type: 'oauth_client',
    tokenEndpointAuthMethod: 'private_key_jwt',
    credentialId: 'cred-1',
    organizationId: 'org-1',
    serviceAccountId: 'sa-1',
    clientId: CLIENT_ID,
    scopes: ['read:reports'],
    audiences: [],
    certificateBoundAccessTokens: false,
    createdAtMs: 0,
    revoked: false,
    expired: false,
    accountStatus: 'active',
    publicKeys: [jwk],
  };
}
