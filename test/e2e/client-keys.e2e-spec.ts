import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import type { EventStore } from '@keyward/event-store';
import { EVENT_STORE } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, clientAssertion, newClientKey, postForm } from '../support/oauth-client';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('client keys: validated on registration, one key tried per assertion', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let accountId: string;
  let orgId: string;
  beforeAll(async () => {
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Keys');
    orgId = admin.orgId;
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    accountId = (await api('POST', '/service-accounts', { name: 'signer' })).body.id;
  });
  afterAll(() => keyward.dispose());

  const createClient = (name: string, keys: unknown[]) =>
    api('POST', `/service-accounts/${accountId}/credentials`, {
      type: 'oauth_client',
      name,
      scopes: ['read:service-accounts'],
      jwks: { keys },
    });

  it('refuses an RSA key with a big public exponent and an EC point off its curve, recording nothing', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const bigExponent = { ...rsa, e: Buffer.alloc(375, 0xff).toString('base64url'), kid: 'big-e' };
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const offCurve = { ...ec, y: ec.x, kid: 'off' };
    const before = (await keyward.app.get<EventStore>(EVENT_STORE).readStream(`service_account-${accountId}`)).length;
    for (const key of [bigExponent, offCurve]) {
      const answer = await createClient(`bad-${key.kid}`, [key]);
      expect(answer.status).toBe(400);
      expect(answer.body.field).toMatch(/^jwks\.keys\[0\]/);
    }
    const accountKeyAdd = await api(
      'POST',
      `/service-accounts/${accountId}/credentials/${(await createClient('ok', [{ ...ec, kid: 'k' }])).body.id}/keys`,
      { jwk: bigExponent },
    );
    expect(accountKeyAdd.status).toBe(400);
    expect((await keyward.app.get<EventStore>(EVENT_STORE).readStream(`service_account-${accountId}`)).length).toBe(before + 1);
  });

  it('stores and shows only the public members of a key', async () => {
    const key = await newClientKey('k1');
    const created = await createClient('clean', [
      { ...key.publicJwk, x5u: 'https://evil.example/jwks', admin: true, note: 'x'.repeat(1000) },
    ]);
    expect(created.status).toBe(201);
    const events = await keyward.app.get<EventStore>(EVENT_STORE).readStream(`service_account-${accountId}`);
    const stored = (events.at(-1)!.data as { publicKeys: Record<string, unknown>[] }).publicKeys[0];
    expect(Object.keys(stored).sort()).toEqual(['crv', 'kid', 'kty', 'x', 'y']);
  });

  it('tries only the newest fitting key when the assertion names no kid', async () => {
    const older = await newClientKey('older');
    const newer = await newClientKey('newer');
    const client = (await createClient('rollover', [older.publicJwk, newer.publicJwk])).body;
    const tokenUrl = `${keyward.baseUrl}/oauth/token`;
    const send = async (assertion: string) =>
      (await postForm(tokenUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }))
        .status;
    expect(await send(await clientAssertion(newer, client.clientId, tokenUrl, { header: { kid: undefined } }))).toBe(200);
    expect(await send(await clientAssertion(older, client.clientId, tokenUrl, { header: { kid: undefined } }))).toBe(401);
    expect(await send(await clientAssertion(older, client.clientId, tokenUrl))).toBe(200);
  });

  it('private_key_jwt: one audience, this server; typ absent or a JWT assertion type (RFC 7523 audience hardening)', async () => {
    const key = await newClientKey('only');
    const client = (await createClient('audience', [key.publicJwk])).body;
    const tokenUrl = `${keyward.baseUrl}/oauth/token`;
    const send = async (assertion: string) =>
      (await postForm(tokenUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion }))
        .status;
    expect(
      await send(
        await clientAssertion(key, client.clientId, tokenUrl, { claims: { aud: [tokenUrl, 'https://other-server.example/token'] } }),
      ),
    ).toBe(401);
    expect(await send(await clientAssertion(key, client.clientId, tokenUrl, { header: { typ: 'at+jwt' } }))).toBe(401);
    expect(await send(await clientAssertion(key, client.clientId, tokenUrl, { header: { typ: 'dpop+jwt' } }))).toBe(401);
    expect(await send(await clientAssertion(key, client.clientId, tokenUrl, { claims: { aud: [tokenUrl] }, header: { typ: 'JWT' } }))).toBe(
      200,
    );
    expect(await send(await clientAssertion(key, client.clientId, keyward.baseUrl, { header: { typ: 'client-authentication+jwt' } }))).toBe(
      200,
    );
    const refused = (await keyward.app.get<EventStore>(EVENT_STORE).readStream(`token_issuance-${orgId}`)).filter(
      (e) => e.type === 'TokenRequestRefused' && (e.data as { clientId?: string }).clientId === client.clientId,
    );
    expect(refused.map((e) => (e.data as { reason: string }).reason)).toEqual(['assertion_aud_invalid', 'assertion_typ_invalid']);
  });

  it('refuses a DPoP proof whose RSA key has a big exponent before verifying its signature', async () => {
    const admin = await keyward.bootstrap('DPoP');
    const tokenUrl = `${keyward.baseUrl}/oauth/token`;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), e: Buffer.alloc(375, 0xff).toString('base64url') };
    const proof = await new SignJWT({ htm: 'POST', htu: tokenUrl, jti: 'big-e', iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'RS256', typ: 'dpop+jwt', jwk })
      .sign(privateKey);
    const answer = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { basic: { id: admin.clientId, secret: admin.clientSecret }, headers: { dpop: proof } },
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_dpop_proof', error_description: expect.stringMatching(/65537/) });
  });
});
