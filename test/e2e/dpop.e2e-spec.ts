import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

type PrivateKey = Parameters<SignJWT['sign']>[0];
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, postForm } from '../support/oauth-client';

describe('DPoP at the token endpoint (RFC 9449)', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let admin: { clientId: string; clientSecret: string };
  let key: { privateKey: PrivateKey; publicJwk: JWK };
  let tokenUrl: string;

  const proof = (over: { claims?: Record<string, unknown>; header?: Record<string, unknown> } = {}, signer = key) =>
    new SignJWT({ htm: 'POST', htu: tokenUrl, jti: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000), ...over.claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: signer.publicJwk, ...over.header })
      .sign(signer.privateKey);
  const tokenWith = (dpop: string | undefined) =>
    postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { basic: { id: admin.clientId, secret: admin.clientSecret }, headers: dpop === undefined ? {} : { dpop } },
    );

  beforeAll(async () => {
    server = await startKeyward({ clock: clock.now });
    tokenUrl = `${server.baseUrl}/oauth/token`;
    admin = await server.bootstrap(undefined, 'enterprise');
    const pair = await generateKeyPair('ES256', { extractable: true });
    key = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
  });
  afterAll(() => server.dispose());

  it('binds the token to the proof key: token_type DPoP, cnf.jkt, and introspection returns the cnf', async () => {
    const answer = await tokenWith(await proof());
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('DPoP');
    const jkt = await calculateJwkThumbprint(key.publicJwk, 'sha256');
    expect(decodeJwt(answer.body.access_token).cnf).toEqual({ jkt });

    // A resource server of the same organization introspects it.
    const adminToken = await accessToken(server.baseUrl, admin);
    const accountId = (
      await fetch(`${server.baseUrl}/admin/v1/service-accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'rs' }),
      }).then((r) => r.json() as Promise<{ id: string }>)
    ).id;
    const rs = await fetch(`${server.baseUrl}/admin/v1/service-accounts/${accountId}/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'oauth_client', name: 'rs', scopes: ['introspect'] }),
    }).then((r) => r.json() as Promise<{ clientId: string; clientSecret: string }>);
    const introspected = await postForm(
      `${server.baseUrl}/oauth/introspect`,
      { token: answer.body.access_token },
      { basic: { id: rs.clientId, secret: rs.clientSecret } },
    );
    expect(introspected.body).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt } });

    // RFC 9449 §7.1: the bound token is not accepted as a Bearer token by keyward's own API.
    const asBearer = await fetch(`${server.baseUrl}/admin/v1/organization`, {
      headers: { authorization: `Bearer ${answer.body.access_token}` },
    });
    expect(asBearer.status).toBe(401);
  });

  it('refuses a replayed proof', async () => {
    const once = await proof();
    expect((await tokenWith(once)).status).toBe(200);
    const replay = await tokenWith(once);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_dpop_proof');
  });

  it('refuses proofs that fail a check of RFC 9449 §4.3 with invalid_dpop_proof', async () => {
    const now = Math.floor(Date.now() / 1000);
    const privateJwk = await exportJWK(key.privateKey as Parameters<typeof exportJWK>[0]);
    const hmac = await new SignJWT({ htm: 'POST', htu: tokenUrl, jti: 'x', iat: now })
      .setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk: key.publicJwk })
      .sign(new Uint8Array(32));
    const other = await generateKeyPair('ES256', { extractable: true });
    const mismatched = await new SignJWT({ htm: 'POST', htu: tokenUrl, jti: 'y', iat: now })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
      .sign(other.privateKey);
    const cases: Record<string, string> = {
      'typ JWT': await proof({ header: { typ: 'JWT' } }),
      'alg HS256': hmac,
      'no jwk': await new SignJWT({ htm: 'POST', htu: tokenUrl, jti: 'z', iat: now })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt' })
        .sign(key.privateKey),
      'private jwk': await proof({ header: { jwk: privateJwk } }),
      'signed by another key': mismatched,
      'htm GET': await proof({ claims: { htm: 'GET' } }),
      'htu elsewhere': await proof({ claims: { htu: 'https://elsewhere.example/oauth/token' } }),
      'iat too old': await proof({ claims: { iat: now - 3600 } }),
      'iat in the future': await proof({ claims: { iat: now + 3600 } }),
      'no jti': await proof({ claims: { jti: undefined } }),
      'not a JWT': 'nope',
    };
    for (const [name, dpop] of Object.entries(cases)) {
      const answer = await tokenWith(dpop);
      expect({ name, status: answer.status, error: answer.body.error }).toEqual({ name, status: 400, error: 'invalid_dpop_proof' });
    }
  });

  it('accepts htu with a query string ignored (§4.3 item 9) and issues Bearer without a proof', async () => {
    expect((await tokenWith(await proof({ claims: { htu: `${tokenUrl}?x=1` } }))).body.token_type).toBe('DPoP');
    expect((await tokenWith(undefined)).body.token_type).toBe('Bearer');
  });
});
