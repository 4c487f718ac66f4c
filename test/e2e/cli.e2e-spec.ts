import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sharedKeysOf, startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { requestToken } from '../support/oauth-client';

const run = promisify(execFile);
/** The CLI as an operator runs it: another process on the same DATA_DIR and event store as the server. */
const cli = (keyward: KeywardUnderTest, ...args: string[]) => {
  const store = keyward.config.eventStore;
  const storeEnv = store.kind === 'esdb' ? { EVENT_STORE: 'esdb', EVENTSTORE_URL: store.url, ...sharedKeysOf(keyward.dataDir) } : {};
  return run(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: keyward.dataDir, ...storeEnv },
    timeout: 30_000,
  });
};

describe('npm run cli -- bootstrap', () => {
  let keyward: KeywardUnderTest;
  beforeAll(async () => (keyward = await startKeyward()));
  afterAll(() => keyward.dispose());

  it('bootstraps from another process while the server runs; the credential works once the server has read it', async () => {
    const { stdout } = await cli(keyward, 'bootstrap', '--org', 'Initech', '--plan', 'standard', '--json');
    const created = JSON.parse(stdout);
    expect(created).toEqual({
      orgId: expect.any(String),
      serviceAccountId: expect.any(String),
      clientId: expect.stringMatching(/^kw_ci_/),
      clientSecret: expect.stringMatching(/^kw_cs_/),
    });
    // The server learns of the CLI's events through its subscription.
    await keyward.readModelsCaughtUp();
    const answer = await requestToken(keyward.baseUrl, created);
    expect(answer.status).toBe(200);
    expect(answer.body.scope).toBe('manage:service-accounts read:service-accounts read:audit-log');
  });

  it('refuses an unknown plan with a clear message and the usage exit code', async () => {
    await expect(cli(keyward, 'bootstrap', '--org', 'X', '--plan', 'platinum')).rejects.toMatchObject({
      code: 2, // a usage error (README: exit codes), as for every command
      stderr: expect.stringMatching(/'platinum' is invalid. Allowed choices are free, standard, enterprise/),
    });
  });

  it('changes the plan of an organization', async () => {
    const { stdout } = await cli(keyward, 'bootstrap', '--org', 'Growing', '--json');
    const { orgId } = JSON.parse(stdout);
    const changed = await cli(keyward, 'org:set-plan', '--org', orgId, '--plan', 'enterprise');
    expect(changed.stdout).toContain('enterprise');
  });
});
