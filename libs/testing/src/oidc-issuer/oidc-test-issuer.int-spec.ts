import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { startOidcTestIssuer, type OidcTestIssuerProcess } from './oidc-test-issuer-process';

describe('OIDC test issuer (its own process, real HTTP)', () => {
  let issuer: OidcTestIssuerProcess;
  beforeAll(async () => {
    issuer = await startOidcTestIssuer();
  });
  afterAll(() => issuer.stop());

  it('publishes discovery and a JWKS that verifies the tokens it signs, across a rotation', async () => {
    const discovery = (await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(issuer.issuer);
    const first = await issuer.sign({ claims: { sub: 'repo:acme/reports:ref:refs/heads/main', aud: 'keyward' } });
    const newKid = await issuer.rotate('RS256');
    const second = await issuer.sign({ claims: { sub: 'system:serviceaccount:ns:app', aud: 'keyward' } });
    expect(decodeProtectedHeader(second)).toMatchObject({ alg: 'RS256', kid: newKid });

    const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    await expect(jwtVerify(first, keys, { issuer: issuer.issuer, audience: 'keyward' })).resolves.toMatchObject({
      payload: { sub: 'repo:acme/reports:ref:refs/heads/main' },
    });
    await expect(jwtVerify(second, keys, { issuer: issuer.issuer, audience: 'keyward' })).resolves.toMatchObject({
      payload: { sub: 'system:serviceaccount:ns:app' },
    });
    expect((await issuer.state()).kids).toHaveLength(2);
  });

  it('signs tokens meant to be refused: unpublished key, alg none, HMAC', async () => {
    const keys = createRemoteJWKSet(new URL(`${issuer.issuer}/jwks`));
    await expect(jwtVerify(await issuer.sign({ claims: { sub: 'x' }, unpublishedKey: true }), keys)).rejects.toThrow(/no applicable key/);
    expect(decodeProtectedHeader(await issuer.sign({ claims: { sub: 'x' }, alg: 'none' })).alg).toBe('none');
    expect(decodeProtectedHeader(await issuer.sign({ claims: { sub: 'x' }, alg: 'HS256' })).alg).toBe('HS256');
  });

  it('breaks on request and refuses connections once stopped', async () => {
    await issuer.fault('error');
    expect((await fetch(`${issuer.issuer}/jwks`)).status).toBe(500);
    await issuer.fault('none');
    const stopped = await startOidcTestIssuer();
    await stopped.stop();
    await expect(fetch(`${stopped.issuer}/jwks`)).rejects.toThrow();
  });
});
