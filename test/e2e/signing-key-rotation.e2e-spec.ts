import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { SigningKeyService } from '@keyward/application';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { TestClock } from '@keyward/testing/test-clock';
import { accessToken, adminApi } from '../support/oauth-client';

describe('signing key rotation: publish before sign, retire after the last token expires', () => {
  let server: KeywardUnderTest;
  const clock = new TestClock();
  let admin: { orgId: string; clientId: string; clientSecret: string };
  const jwksKids = async () =>
    ((await (await fetch(`${server.baseUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  const signingKid = async () => decodeProtectedHeader(await accessToken(server.baseUrl, admin)).kid;

  beforeAll(async () => {
    server = await startKeyward({ env: { SIGNING_KEY_PROPAGATION_SECONDS: '600', SIGNING_KEY_ROTATION_DAYS: '30' }, clock: clock.now });
    admin = await server.bootstrap(undefined, 'enterprise');
  });
  afterAll(() => server.dispose());

  it('publishes a rotated key at once, signs with it only after the propagation delay, and keeps the old key published for 24 h', async () => {
    const firstKid = await signingKid();
    const oldToken = await accessToken(server.baseUrl, admin);
    const rotated = await server.app.get(SigningKeyService).rotate('EdDSA');
    expect(rotated.alg).toBe('EdDSA');
    expect(await jwksKids()).toEqual(expect.arrayContaining([firstKid, rotated.kid]));
    expect(await signingKid()).toBe(firstKid);

    clock.advance(599);
    await server.app.get(SigningKeyService).tick();
    expect(await signingKid()).toBe(firstKid);
    clock.advance(1);
    await server.app.get(SigningKeyService).tick();
    const newToken = await accessToken(server.baseUrl, admin);
    expect(decodeProtectedHeader(newToken)).toMatchObject({ kid: rotated.kid, alg: 'EdDSA' });

    // Both verify with the published set: the retired key stays until the last token it signed has expired.
    const jwks = createRemoteJWKSet(new URL(`${server.baseUrl}/.well-known/jwks.json`));
    for (const token of [oldToken, newToken]) await jwtVerify(token, jwks, { issuer: server.baseUrl, typ: 'at+jwt' });
    clock.advance(24 * 3600);
    expect(await jwksKids()).toContain(firstKid);
    clock.advance(301);
    expect(await jwksKids()).not.toContain(firstKid);
  });

  it('rotates on schedule after SIGNING_KEY_ROTATION_DAYS', async () => {
    const before = await signingKid();
    clock.advance(30 * 86400);
    await server.app.get(SigningKeyService).tick();
    const kids = await jwksKids();
    expect(kids.length).toBe(2);
    expect(await signingKid()).toBe(before);
    clock.advance(600);
    await server.app.get(SigningKeyService).tick();
    expect(await signingKid()).not.toBe(before);
  });

  it('refuses a second rotation while one waits, and the admin API to tenants other than the operator', async () => {
    await server.app.get(SigningKeyService).rotate();
    await expect(server.app.get(SigningKeyService).rotate()).rejects.toThrow(/already waiting/);
    const token = await accessToken(server.baseUrl, admin);
    expect((await adminApi(server.baseUrl, token)('POST', '/signing-keys/rotate', {})).status).toBe(403);
  });
});

describe('signing key rotation over the admin API', () => {
  it('lets the operator organization list and rotate keys', async () => {
    const probe = await startKeyward();
    const admin = await probe.bootstrap(undefined, 'enterprise');
    await probe.stop();
    // The same DATA_DIR again, now naming the operator organization.
    const server = await startKeyward({
      dataDir: probe.dataDir,
      env: { OPERATOR_ORGANIZATION_ID: admin.orgId, SIGNING_KEY_PROPAGATION_SECONDS: '0' },
    });
    try {
      const token = await accessToken(server.baseUrl, admin);
      const rotated = await adminApi(server.baseUrl, token)('POST', '/signing-keys/rotate', { alg: 'RS256' });
      expect(rotated.status).toBe(202);
      expect(rotated.body).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
      expect(decodeProtectedHeader(await accessToken(server.baseUrl, admin))).toMatchObject({ alg: 'RS256', kid: rotated.body.kid });
      const listed = await adminApi(server.baseUrl, token)('GET', '/signing-keys');
      expect(listed.body.items.length).toBe(2);
      expect((await adminApi(server.baseUrl, token)('POST', '/signing-keys/rotate', { alg: 'HS256' })).status).toBe(400);
    } finally {
      await server.dispose();
    }
  });
});
