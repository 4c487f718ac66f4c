import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sharedKeysOf, startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { organizationDecider, organizationStream } from '@keyward/domain';
import { AggregateStore } from '@keyward/application';
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

describe('organization lockdown (break glass)', () => {
  let keyward: KeywardUnderTest;
  let api: ReturnType<typeof adminApi>;
  let admin: { orgId: string; serviceAccountId: string; clientId: string; clientSecret: string };

  beforeAll(async () => {
    keyward = await startKeyward();
    admin = await keyward.bootstrap('Acme', 'standard');
    api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
  });
  afterAll(() => keyward.dispose());

  async function accountWithClient(name: string) {
    const account = await api('POST', '/service-accounts', { name });
    const credential = await api('POST', `/service-accounts/${account.body.id}/credentials`, {
      type: 'oauth_client',
      name: 'prod',
      scopes: ['read:service-accounts'],
    });
    return {
      id: account.body.id as string,
      client: { clientId: credential.body.clientId as string, clientSecret: credential.body.clientSecret as string },
    };
  }
  const statusOf = async (id: string) => (await api('GET', `/service-accounts/${id}`)).body.status;

  it('finishes a lockdown a crash interrupted after it was recorded, instead of starting another', async () => {
    const other = await keyward.bootstrap('Initech', 'standard');
    const otherApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    const bot = await otherApi('POST', '/service-accounts', { name: 'bot' });
    // The crash: the lockdown is on the organization's stream, no account is suspended yet.
    await keyward.app.get(AggregateStore).execute(
      organizationStream(other.orgId),
      organizationDecider,
      {
        type: 'StartLockdown',
        lockdownId: 'f3b0c8a2-56f4-4a57-9d8e-0b6f3c1e6a43',
        reason: 'incident',
        serviceAccountIds: [bot.body.id],
        exemptServiceAccountIds: [other.serviceAccountId],
        now: new Date(),
      },
      { actor: 'test', correlationId: 'crash' },
    );
    const resumed = await otherApi('POST', '/organization/lockdown', { reason: 'again' });
    expect(resumed.body).toMatchObject({ lockdownId: 'f3b0c8a2-56f4-4a57-9d8e-0b6f3c1e6a43', reason: 'incident', resumed: true });
    expect((await otherApi('GET', `/service-accounts/${bot.body.id}`)).body.status).toBe('suspended');
    expect((await otherApi('POST', '/organization/lockdown/lift')).body.reactivated).toEqual([bot.body.id]);
  });

  it('dry run lists what would stop and changes nothing; the lockdown stops all but the caller; the lift restores exactly those', async () => {
    const exporter = await accountWithClient('exporter');
    const importer = await accountWithClient('importer');
    const onHold = await accountWithClient('on-hold');
    await api('POST', `/service-accounts/${onHold.id}/suspend`, { reason: 'under review' });

    const dry = await api('POST', '/organization/lockdown', { reason: 'deploy key leaked', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, exemptServiceAccountIds: [admin.serviceAccountId] });
    expect(dry.body.lockdownId).toBeUndefined();
    expect(dry.body.serviceAccounts.map((a: { name: string }) => a.name).sort()).toEqual(['exporter', 'importer']);
    expect(dry.body.serviceAccounts[0].credentials).toEqual([{ credentialId: expect.any(String), name: 'prod', type: 'oauth_client' }]);
    expect((await requestToken(keyward.baseUrl, exporter.client)).status).toBe(200);

    const locked = await api('POST', '/organization/lockdown', { reason: 'deploy key leaked' });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ dryRun: false, lockdownId: expect.any(String), resumed: false });
    expect((await requestToken(keyward.baseUrl, exporter.client)).body.error).toBe('unauthorized_client');
    expect((await requestToken(keyward.baseUrl, importer.client)).body.error).toBe('unauthorized_client');
    expect(await statusOf(admin.serviceAccountId)).toBe('active');
    expect((await requestToken(keyward.baseUrl, admin)).status).toBe(200);

    const audit = (await api('GET', '/audit-events?limit=20')).body.items as { type: string; data: Record<string, any> }[];
    const lockdowns = audit.filter((record) => record.type === 'keyward.organization_lockdown.started.v1');
    expect(lockdowns).toHaveLength(1);
    expect(lockdowns[0].data).toMatchObject({
      actor: `service_account:${admin.serviceAccountId}`,
      reason: 'deploy key leaked',
      details: { lockdownId: locked.body.lockdownId, exemptServiceAccountIds: [admin.serviceAccountId] },
    });
    expect([...lockdowns[0].data.details.serviceAccountIds].sort()).toEqual([exporter.id, importer.id].sort());

    // During the lockdown an admin suspends the importer again by hand: the lift must leave it.
    await api('POST', `/service-accounts/${importer.id}/reactivate`);
    await api('POST', `/service-accounts/${importer.id}/suspend`, { reason: 'still investigating' });

    const lift = await api('POST', '/organization/lockdown/lift');
    expect(lift.status).toBe(200);
    expect(lift.body).toEqual({ lockdownId: locked.body.lockdownId, reactivated: [exporter.id], leftAlone: [importer.id] });
    expect((await requestToken(keyward.baseUrl, exporter.client)).status).toBe(200);
    expect(await statusOf(importer.id)).toBe('suspended');
    expect(await statusOf(onHold.id)).toBe('suspended');
    expect((await api('POST', '/organization/lockdown/lift')).body).toMatchObject({ error: 'no_active_lockdown' });
  });

  it('refuses a lockdown without a reason, changing nothing', async () => {
    const answer = await api('POST', '/organization/lockdown', { dryRun: false });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ field: 'reason' });
  });

  it('locks down and lifts from the CLI, keeping the accounts named with --keep', async () => {
    const other = await keyward.bootstrap('Globex', 'standard');
    const otherApi = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, other));
    const bot = await otherApi('POST', '/service-accounts', { name: 'bot' });

    const dry = JSON.parse(
      (
        await cli(
          keyward,
          'org:lockdown',
          '--org',
          other.orgId,
          '--reason',
          'incident 42',
          '--keep',
          other.serviceAccountId,
          '--dry-run',
          '--json',
        )
      ).stdout,
    );
    expect(dry.serviceAccounts.map((a: { serviceAccountId: string }) => a.serviceAccountId)).toEqual([bot.body.id]);
    const locked = await cli(keyward, 'org:lockdown', '--org', other.orgId, '--reason', 'incident 42', '--keep', other.serviceAccountId);
    expect(locked.stdout).toMatch(/^suspended 1 service account\(s\) in lockdown /);
    // The server learns of the CLI's events through its subscription.
    await keyward.readModelsCaughtUp();
    expect((await otherApi('GET', `/service-accounts/${bot.body.id}`)).body.status).toBe('suspended');
    const lifted = await cli(keyward, 'org:lockdown-lift', '--org', other.orgId);
    expect(lifted.stdout).toContain('1 reactivated, 0 left as they are');
    await keyward.readModelsCaughtUp();
    expect((await otherApi('GET', `/service-accounts/${bot.body.id}`)).body.status).toBe('active');
    await expect(cli(keyward, 'org:lockdown-lift', '--org', other.orgId)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not locked down'),
    });
  }, 180_000); // four CLI processes, each compiling on start
});
