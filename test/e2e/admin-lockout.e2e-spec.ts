import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sharedKeysOf, startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';

const run = promisify(execFile);
const cli = (keyward: KeywardUnderTest, ...args: string[]) => {
  const store = keyward.config.eventStore;
  const storeEnv = store.kind === 'esdb' ? { EVENT_STORE: 'esdb', EVENTSTORE_URL: store.url, ...sharedKeysOf(keyward.dataDir) } : {};
  return run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: keyward.dataDir, ...storeEnv },
    timeout: 30_000,
  });
};
const ADMIN = ['manage:service-accounts', 'read:service-accounts'];

describe('admin access: current scopes, the last admin credential, org:recover', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => (keyward = await startKeyward()));
  afterAll(() => keyward.dispose());

  const adminOf = async (org: string) => {
    const admin = await keyward.bootstrap(org);
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    const account = (await api('GET', `/service-accounts/${admin.serviceAccountId}`)).body;
    return { admin, api, credentialId: account.credentials[0].id as string };
  };

  it('a token loses the scopes its credential lost since it was issued', async () => {
    const { api } = await adminOf('Narrowing');
    const ops = (await api('POST', '/service-accounts', { name: 'ops' })).body;
    const credential = (await api('POST', `/service-accounts/${ops.id}/credentials`, { type: 'oauth_client', name: 'ops', scopes: ADMIN }))
      .body;
    const opsApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, credential));
    expect((await opsApi('POST', '/service-accounts', { name: 'made-by-ops' })).status).toBe(201);
    expect(
      (await api('PATCH', `/service-accounts/${ops.id}/credentials/${credential.id}`, { scopes: ['read:service-accounts'] })).status,
    ).toBe(200);
    const write = await opsApi('POST', '/service-accounts', { name: 'after-narrowing' });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('insufficient_scope');
    expect((await opsApi('GET', '/service-accounts')).status).toBe(200);
  });

  it('refuses to suspend, delete, revoke or narrow the last active admin credential (409), and allows it once another exists', async () => {
    const { admin, api, credentialId } = await adminOf('LastAdmin');
    const self = `/service-accounts/${admin.serviceAccountId}`;
    const attempts = [
      await api('POST', `${self}/suspend`, { reason: 'fuzzer' }),
      await api('DELETE', self),
      await api('DELETE', `${self}/credentials/${credentialId}`),
      await api('PATCH', `${self}/credentials/${credentialId}`, { scopes: ['read:service-accounts'] }),
    ];
    for (const answer of attempts)
      expect({ status: answer.status, error: answer.body.error }).toEqual({ status: 409, error: 'last_admin_credential' });
    expect((await api('GET', self)).body).toMatchObject({ status: 'active' });
    const second = (await api('POST', '/service-accounts', { name: 'second-admin' })).body;
    expect(
      (await api('POST', `/service-accounts/${second.id}/credentials`, { type: 'oauth_client', name: 'admin', scopes: ADMIN })).status,
    ).toBe(201);
    expect((await api('DELETE', `${self}/credentials/${credentialId}`)).status).toBe(204);
  });

  it('org:recover makes a new admin credential in an existing organization from the host, recorded with the operator as actor', async () => {
    const { admin } = await adminOf('Recovered');
    const { stdout } = await cli(keyward, 'org:recover', '--org', admin.orgId, '--json');
    const recovered = JSON.parse(stdout);
    expect(recovered).toMatchObject({
      orgId: admin.orgId,
      clientId: expect.stringMatching(/^kw_ci_/),
      clientSecret: expect.stringMatching(/^kw_cs_/),
    });
    // The server learns of the CLI's events through its subscription.
    await keyward.readModelsCaughtUp();
    const answer = await requestToken(keyward.baseUrl, recovered);
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toContain('manage:service-accounts');
    const api = adminApi(keyward.baseUrl, answer.body.access_token as string);
    const account = (await api('GET', `/service-accounts/${recovered.serviceAccountId}`)).body;
    expect(account.description).toMatch(/^Administrator created by org:recover \(cli:/);
    await expect(cli(keyward, 'org:recover', '--org', randomUUID())).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/organization not found/),
    });
    // Two CLI processes start on a machine shared with the rest of the suite.
  }, 120_000);
});
