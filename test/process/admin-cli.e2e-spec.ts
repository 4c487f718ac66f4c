import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { buildCompiledOutput } from '../support/compiled-output';
import { requestToken } from '../support/oauth-client';
import { EVENT_STORE } from '@keyward/application';
import type { EventStore } from '@keyward/event-store';
import { ProjectionRunner } from '@keyward/projections';

jest.setTimeout(180_000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The `keyward` admin CLI as a child process against a real server, over HTTP only (no DATA_DIR given to it). */
describe('keyward admin CLI (KEYWARD_URL, KEYWARD_CLIENT_ID, KEYWARD_CLIENT_SECRET)', () => {
  let build: ReturnType<typeof buildCompiledOutput>;
  let keyward: KeywardUnderTest;
  let files: string;
  let env: Record<string, string>;

  const keywardCli = (args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      // No DATA_DIR, EVENT_STORE or keys: these commands can only reach the server.
      const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...extraEnv };
      execFile(
        process.execPath,
        [join(build.dir, 'apps/cli/src/main.js'), ...args],
        { env: childEnv, cwd: files, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      );
    });
  const json = async <T = any>(...args: string[]): Promise<T> => {
    const run = await keywardCli([...args, '--json']);
    expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: expect.any(String) });
    return JSON.parse(run.stdout) as T;
  };

  beforeAll(async () => {
    build = buildCompiledOutput('cli-spec');
    files = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
    keyward = await startKeyward();
    const admin = await keyward.bootstrap('Acme', 'standard');
    env = { KEYWARD_URL: keyward.baseUrl, KEYWARD_CLIENT_ID: admin.clientId, KEYWARD_CLIENT_SECRET: admin.clientSecret };
  });
  afterAll(async () => {
    await keyward?.dispose();
    build?.remove();
    rmSync(files, { recursive: true, force: true });
  });

  it('runs the daily work: scopes, accounts, credentials with scopes and audiences, rotation with grace, revocation', async () => {
    expect(await json('scopes', 'define', 'read:reports', 'Read reports')).toMatchObject({ name: 'read:reports' });
    const account = await json('accounts', 'create', 'reports-exporter', '--owner', 'team-data', '--tag', 'env=prod,pci');
    expect(account).toMatchObject({ name: 'reports-exporter', owner: 'team-data', tags: ['env=prod', 'pci'], status: 'active' });

    const table = await keywardCli(['accounts', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATUS\s+OWNER\s+TAGS\s+CREATEDAT$/);
    expect(table.stdout).toMatch(new RegExp(`${account.id}\\s+reports-exporter\\s+active\\s+team-data\\s+env=prod,pci`));

    expect(await json('accounts', 'rename', account.id, 'exporter-v2')).toMatchObject({ name: 'exporter-v2' });
    const client = await json(
      'credentials',
      'create',
      account.id,
      'production',
      '--scope',
      'read:reports',
      '--audience',
      'https://reports.example.com',
    );
    expect(client).toMatchObject({ clientId: expect.stringMatching(/^kw_ci_/), clientSecret: expect.stringMatching(/^kw_cs_/) });
    const granted = await requestToken(keyward.baseUrl, client, { extra: { resource: 'https://reports.example.com' } });
    expect([granted.status, granted.body.scope]).toEqual([200, 'read:reports']);

    const rotated = await json('credentials', 'rotate', account.id, client.id, '--grace', '0');
    expect(rotated.clientSecret).toMatch(/^kw_cs_/);
    expect((await requestToken(keyward.baseUrl, client)).status).toBe(401);
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: rotated.clientSecret })).status).toBe(200);

    expect(await json('credentials', 'update', account.id, client.id, '--name', 'production-2')).toMatchObject({ name: 'production-2' });
    const shown = await json('accounts', 'show', account.id);
    expect(shown.credentials).toEqual([expect.objectContaining({ id: client.id, name: 'production-2' })]);

    await json('credentials', 'revoke', account.id, client.id);
    expect((await requestToken(keyward.baseUrl, { clientId: client.clientId, clientSecret: rotated.clientSecret })).status).toBe(401);

    expect(await json('accounts', 'suspend', account.id, '--reason', 'review')).toMatchObject({ status: 'suspended' });
    expect(await json('accounts', 'reactivate', account.id)).toMatchObject({ status: 'active' });
    expect(await json('accounts', 'delete', account.id)).toEqual({ deleted: account.id });
    expect((await keywardCli(['accounts', 'show', account.id])).code).toBe(5);
  });

  it('reports credential hygiene and narrows a credential to the scopes it used (dry run first)', async () => {
    await json('scopes', 'define', 'read:invoices', 'Read invoices');
    await json('scopes', 'define', 'write:invoices', 'Write invoices');
    const account = await json('accounts', 'create', 'invoice-sync');
    const client = await json('credentials', 'create', account.id, 'sync', '--scope', 'read:invoices', '--scope', 'write:invoices');
    const used = await requestToken(keyward.baseUrl, client, { scope: 'read:invoices' });
    expect(used.status).toBe(200);
    // The token endpoint does not wait for the read models; the report reads them, so wait for its event there.
    const head = await keyward.app.get<EventStore>(EVENT_STORE).headPosition();
    await keyward.app.get(ProjectionRunner).waitFor(head!);

    const report = await json('reports', 'hygiene', '--window-days', '7');
    const item = report.credentials.find((c: { credentialId: string }) => c.credentialId === client.id);
    expect(item).toMatchObject({ usedScopes: ['read:invoices'], unusedScopes: ['write:invoices'] });
    expect(item.findings.map((f: { code: string }) => f.code)).toContain('unused_scopes');
    const table = await keywardCli(['reports', 'hygiene']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ACCOUNT\s+CREDENTIAL\s+NAME\s+TYPE\s+LASTUSED\s+UNUSEDSCOPES\s+FINDINGS$/);

    const dryRun = await json('credentials', 'narrow', account.id, client.id, '--dry-run');
    expect(dryRun).toMatchObject({ dryRun: true, scopes: ['read:invoices'], removedScopes: ['write:invoices'] });
    expect((await json('accounts', 'show', account.id)).credentials[0].scopes).toEqual(['read:invoices', 'write:invoices']);
    const narrowed = await keywardCli(['credentials', 'narrow', account.id, client.id]);
    expect([narrowed.code, narrowed.stdout]).toEqual([0, 'kept: read:invoices\ndropped: write:invoices\n']);
    expect((await json('accounts', 'show', account.id)).credentials[0].scopes).toEqual(['read:invoices']);
    expect((await requestToken(keyward.baseUrl, client, { scope: 'write:invoices' })).status).toBe(400);
  });

  it('adds and removes public keys of a private_key_jwt client', async () => {
    await json('scopes', 'define', 'write:reports', 'Write reports');
    const account = await json('accounts', 'create', 'signer');
    const jwk = async (kid: string) => ({
      ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)),
      kid,
      alg: 'ES256',
      use: 'sig',
    });
    writeFileSync(join(files, 'jwks.json'), JSON.stringify({ keys: [await jwk('first')] }));
    writeFileSync(join(files, 'second.json'), JSON.stringify(await jwk('second')));
    const client = await json('credentials', 'create', account.id, 'keyed', '--scope', 'write:reports', '--jwks', 'jwks.json');
    expect(client.clientSecret).toBeUndefined();
    await json('credentials', 'keys', 'add', account.id, client.id, 'second.json');
    await json('credentials', 'keys', 'remove', account.id, client.id, 'first');
    const keys = (await json('accounts', 'show', account.id)).credentials[0];
    expect(JSON.stringify(keys)).toContain('second');
    expect(JSON.stringify(keys)).not.toContain('"first"');
  });

  it("shows and sets the organization and its policy, lists audit events; signing keys are the operator organization's", async () => {
    expect(await json('org', 'show')).toMatchObject({ name: 'Acme', plan: 'standard' });
    expect(await json('org', 'policy', 'set', '--max-token-lifetime', '1800', '--secret-max-age-days', '90')).toMatchObject({
      maxAccessTokenLifetimeSeconds: 1800,
      clientSecretMaxAgeDays: 90,
    });
    expect(await json('org', 'policy', 'show')).toMatchObject({ maxAccessTokenLifetimeSeconds: 1800 });
    const events = await json<{ items: { type: string }[]; next: string | null }>('audit', 'events', '--limit', '3');
    expect(events.items).toHaveLength(3);
    expect(events.next).toEqual(expect.any(String));
    const all = await json<{ items: { type: string }[]; next: null }>('audit', 'events', '--all', '--limit', '2');
    expect(all.next).toBeNull();
    expect(all.items.map((r) => r.type)).toContain('keyward.organization_policy.changed.v1');
    const table = await keywardCli(['audit', 'events', '--limit', '2']);
    expect(table.stdout.split('\n')[0]).toMatch(/^TIME\s+TYPE\s+SUBJECT\s+ACTOR\s+OUTCOME$/);
    expect(table.stderr).toContain('more: --before ');
    // Signing keys belong to the operator organization (OPERATOR_ORGANIZATION_ID), which Acme is not.
    const keys = await keywardCli(['signing-keys', 'list']);
    expect([keys.code, keys.stderr]).toEqual([4, expect.stringContaining('keyward: 403 ')]);
  });

  it('says what went wrong in its exit code', async () => {
    expect((await keywardCli(['accounts', 'show', randomUUID()])).code).toBe(5);
    const invalid = await keywardCli(['accounts', 'show', 'not-a-uuid']);
    expect([invalid.code, invalid.stderr]).toEqual([3, expect.stringContaining('400 invalid_input')]);
    await json('accounts', 'create', 'taken');
    expect((await keywardCli(['accounts', 'create', 'taken'])).code).toBe(6);
    expect((await keywardCli(['accounts', 'list'], { KEYWARD_CLIENT_SECRET: 'kw_cs_wrong' })).code).toBe(4);
    expect((await keywardCli(['signing-keys', 'rotate'])).code).toBe(4); // operator organization only
    expect((await keywardCli(['accounts', 'list'], { KEYWARD_URL: 'http://127.0.0.1:1' })).code).toBe(7);
    expect((await keywardCli(['accounts', 'list'], { KEYWARD_URL: '' })).code).toBe(2);
    expect((await keywardCli(['accounts', 'create'])).code).toBe(2);
    expect((await keywardCli(['credentials', 'create', randomUUID(), 'x'])).code).toBe(2); // --scope is required
  });

  it('has --help everywhere', async () => {
    const commands = [
      [],
      ['accounts'],
      ['accounts', 'create'],
      ['credentials'],
      ['credentials', 'create'],
      ['credentials', 'rotate'],
      ['credentials', 'keys', 'add'],
      ['scopes', 'define'],
      ['org', 'policy', 'set'],
      ['audit', 'events'],
      ['reports', 'hygiene'],
      ['credentials', 'narrow'],
      ['signing-keys', 'rotate'],
      ['bootstrap'],
      ['audit', 'tail'],
    ];
    for (const command of commands) {
      const run = await keywardCli([...command, '--help']);
      expect({
        command,
        code: run.code,
        usage: run.stdout.startsWith(`Usage: keyward${command.length ? ` ${command.join(' ')}` : ''}`),
      }).toEqual({ command, code: 0, usage: true });
    }
  });
});
