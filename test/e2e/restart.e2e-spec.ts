import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { startKeyward } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

describe('restart on the same DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps state, signing keys and the validity of tokens issued before', async () => {
    const first = await startKeyward({ dataDir });
    const admin = await first.bootstrap('Acme');
    const oldToken = await accessToken(first.baseUrl, admin);
    const api = adminApi(first.baseUrl, oldToken);
    const account = (await api('POST', '/service-accounts', { name: 'survivor' })).body;
    const client = (
      await api('POST', `/service-accounts/${account.id}/credentials`, { type: 'oauth_client', name: 'prod', scopes: ['read:audit-log'] })
    ).body;
    await api('POST', `/service-accounts/${account.id}/suspend`, {});
    const keysBefore = (await (await fetch(`${first.baseUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    await first.stop();

    const second = await startKeyward({ dataDir });
    try {
      const keysAfter = (await (await fetch(`${second.baseUrl}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      expect(keysAfter.keys.map((k: { kid: string }) => k.kid)).toEqual(keysBefore.keys.map((k: { kid: string }) => k.kid));
      expect(keysAfter.keys.map((k: { kid: string }) => k.kid)).toContain(decodeProtectedHeader(oldToken).kid);

      // The issuer is the same host name scheme but another port: old tokens carry the old issuer,
      // so the restart keeps the port-independent parts (keys, state) and we check state with a new token.
      const api2 = adminApi(second.baseUrl, await accessToken(second.baseUrl, admin));
      const restored = (await api2('GET', `/service-accounts/${account.id}`)).body;
      expect(restored).toMatchObject({
        name: 'survivor',
        status: 'suspended',
        credentials: [expect.objectContaining({ id: client.id, clientId: client.clientId })],
      });
      expect((await requestToken(second.baseUrl, client)).body.error).toBe('unauthorized_client');
      expect((await api2('GET', '/organization')).body.used).toBe(2);
    } finally {
      await second.stop();
    }
  });
});
