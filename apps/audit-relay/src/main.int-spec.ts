import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openSqliteEventStore } from '@keyward/event-store';

const run = promisify(execFile);
const node = (args: string[], env: NodeJS.ProcessEnv) => [process.execPath, ['-r', '@swc-node/register', ...args], { env: { ...process.env, ...env } }] as const;

describe('npm run start:relay (apps/audit-relay)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-relay-app-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('relays every event of the store to DATA_DIR/audit.jsonl without Kafka, and stops cleanly on SIGTERM', async () => {
    const env = { DATA_DIR: dataDir, KAFKA_BROKERS: '' };
    await run(...node(['apps/cli/src/main.ts', 'bootstrap', '--org', 'Relayed', '--json'], env));
    const relay = spawn(...node(['apps/audit-relay/src/main.ts'], env));
    let output = '';
    relay.stdout.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => relay.once('exit', resolve));
    const deadline = Date.now() + 15_000;
    while (!output.includes('caught up') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    relay.kill('SIGTERM');
    expect(await exited).toBe(0);

    const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const events = (await store.readAll()).filter((e) => !e.streamName.startsWith('checkpoint_'));
    await store.close();
    const records = readFileSync(join(dataDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(events.map((e) => e.id)));
    expect(records.map((r) => r.type)).toEqual(expect.arrayContaining(['keyward.organization.created.v1', 'keyward.oauth_client.created.v2']));
  });
});
