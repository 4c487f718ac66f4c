import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditRelayPort } from '@keyward/audit';
import { kafkaBrokersForTests } from '@keyward/testing';
import { AUDIT_RELAY } from '../../apps/server/src/audit/audit-relay.module';
import { sharedKeysOf, startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi } from '../support/oauth-client';

const run = promisify(execFile);

/** `npm run cli -- audit verify` as a security team runs it, against the topic or a copy of audit.jsonl. */
function verify(keyward: KeywardUnderTest, env: Record<string, string>, ...args: string[]) {
  const store = keyward.config.eventStore;
  const storeEnv = store.kind === 'esdb' ? { EVENT_STORE: 'esdb', EVENTSTORE_URL: store.url, ...sharedKeysOf(keyward.dataDir) } : {};
  return run(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'audit', 'verify', '--jwks', `${keyward.baseUrl}/.well-known/jwks.json`, ...args],
    {
      env: { ...process.env, DATA_DIR: keyward.dataDir, ...storeEnv, ...env },
      timeout: 60_000,
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
  );
}

async function someAdminWork(keyward: KeywardUnderTest): Promise<void> {
  for (const org of ['Acme', 'Globex']) {
    const admin = await keyward.bootstrap(org, 'standard');
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    for (let i = 0; i < 4; i++) {
      const account = await api('POST', '/service-accounts', { name: `bot-${i}` });
      await api('POST', `/service-accounts/${account.body.id}/credentials`, {
        type: 'oauth_client',
        name: 'prod',
        scopes: ['read:service-accounts'],
      });
    }
  }
}

describe('tamper-evident audit: hash chains and signed checkpoints, verified by the CLI', () => {
  describe('on the Kafka topic', () => {
    const topic = `keyward.audit.chain-${randomUUID()}`;
    let brokers: Awaited<ReturnType<typeof kafkaBrokersForTests>>;
    let keyward: KeywardUnderTest;
    beforeAll(async () => {
      brokers = await kafkaBrokersForTests();
      const env = {
        KAFKA_BROKERS: brokers.brokers.join(','),
        AUDIT_TOPIC: topic,
        AUDIT_RELAY: 'embedded',
        AUDIT_TOPIC_PARTITIONS: '3',
        AUDIT_CHAIN_CHECKPOINT_RECORDS: '4',
      };
      keyward = await startKeyward({ env });
      await someAdminWork(keyward);
      await (keyward.app.get(AUDIT_RELAY) as AuditRelayPort).waitUntilProcessed(undefined, 60_000);
    }, 120_000);
    afterAll(async () => {
      await keyward?.dispose();
      await brokers?.release();
    });

    it('finds the topic intact, each organization its own chain with verified signed checkpoints', async () => {
      const result = await verify(keyward, { KAFKA_BROKERS: brokers.brokers.join(','), AUDIT_TOPIC: topic }, '--json');
      expect(result.code).toBe(0);
      const verification = JSON.parse(result.stdout);
      expect(verification).toMatchObject({ intact: true, problems: [] });
      const chains = verification.chains as {
        chain: string;
        records: number;
        firstSeq: number;
        signedSeq: number;
        checkpointsVerified: number;
      }[];
      expect(chains.filter((chain) => chain.chain !== 'system')).toHaveLength(2);
      for (const chain of chains.filter((c) => c.chain !== 'system')) {
        expect(chain).toMatchObject({ firstSeq: 1 });
        expect(chain.records).toBeGreaterThanOrEqual(16);
        expect(chain.checkpointsVerified).toBeGreaterThanOrEqual(1);
        expect(chain.signedSeq).toBeGreaterThanOrEqual(4);
      }
    }, 90_000);
  });

  describe('on a copy of audit.jsonl', () => {
    let keyward: KeywardUnderTest;
    let lines: string[];
    let copy: string;
    beforeAll(async () => {
      keyward = await startKeyward({ env: { AUDIT_RELAY: 'embedded', AUDIT_CHAIN_CHECKPOINT_RECORDS: '4' } });
      await someAdminWork(keyward);
      await (keyward.app.get(AUDIT_RELAY) as AuditRelayPort).waitUntilProcessed(undefined, 60_000);
      lines = readFileSync(join(keyward.dataDir, 'audit.jsonl'), 'utf8').trim().split('\n');
      copy = join(keyward.dataDir, 'copy.jsonl');
    }, 120_000);
    afterAll(() => keyward?.dispose());
    const verifyCopy = (copyLines: string[]) => {
      writeFileSync(copy, copyLines.join('\n') + '\n');
      return verify(keyward, {}, '--file', copy);
    };
    const acme = (index: number) =>
      lines.filter((line) => JSON.parse(line).chainseq !== undefined && JSON.parse(line).partitionkey !== 'system')[index];

    it('is intact, and stays so with records delivered twice', async () => {
      expect(await verifyCopy(lines)).toMatchObject({ code: 0, stdout: expect.stringContaining('intact') });
      const twice = await verifyCopy([...lines.slice(0, 10), ...lines.slice(5, 10), ...lines.slice(10)]);
      expect(twice).toMatchObject({ code: 0, stdout: expect.stringContaining('5 duplicate(s) dropped') });
    });

    it('exits 1 naming an altered, a dropped, an inserted and a reordered record', async () => {
      const target = acme(5);
      const record = JSON.parse(target);
      const altered = await verifyCopy(
        lines.map((line) => (line === target ? JSON.stringify({ ...record, data: { ...record.data, actor: 'nobody' } }) : line)),
      );
      expect(altered).toMatchObject({
        code: 1,
        stdout: expect.stringContaining(`ALTERED: record ${record.id} (chainseq ${record.chainseq})`),
      });

      const dropped = await verifyCopy(lines.filter((line) => line !== target));
      expect(dropped).toMatchObject({
        code: 1,
        stdout: expect.stringContaining(`DROPPED: chainseq ${record.chainseq} of ${record.partitionkey} is missing`),
      });

      const stray = JSON.stringify({ ...record, id: randomUUID(), chainseq: undefined, chainprev: undefined, chainhash: undefined });
      const inserted = await verifyCopy([...lines.slice(0, lines.indexOf(target)), stray, ...lines.slice(lines.indexOf(target))]);
      expect(inserted).toMatchObject({ code: 1, stdout: expect.stringContaining('INSERTED') });

      const next = lines.find(
        (line) => JSON.parse(line).partitionkey === record.partitionkey && JSON.parse(line).chainseq === record.chainseq + 1,
      )!;
      const swapped = lines.map((line) => (line === target ? next : line === next ? target : line));
      expect(await verifyCopy(swapped)).toMatchObject({
        code: 1,
        stdout: expect.stringContaining(`REORDERED: record ${JSON.parse(next).id}`),
      });
    }, 90_000);
  });
});
