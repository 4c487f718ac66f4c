import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChildProcessLines } from '../support/child-process-lines';
import { storedEventsAndAuditRecords } from '../support/embedded-audit-trail';

const run = promisify(execFile);
const REPO = join(__dirname, '..', '..');
const args = (main: string, ...rest: string[]) => ['-r', '@swc-node/register', main, ...rest];

describe('npm run start:relay (apps/audit-relay)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-relay-app-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('relays every event of the store to DATA_DIR/audit.jsonl without Kafka, and publishes up to the head before it stops on SIGTERM', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, KAFKA_BROKERS: '', LOG_FORMAT: 'json', LOG_LEVEL: 'info' };
    await run(process.execPath, args('apps/cli/src/main.ts', 'bootstrap', '--org', 'Relayed', '--json'), { cwd: REPO, env });
    const relay = new ChildProcessLines(process.execPath, args('apps/audit-relay/src/main.ts'), { cwd: REPO, env });
    // Its signal handlers are in place once it logs; no sleep: on SIGTERM it publishes up to the store's head, then exits.
    await relay.waitForLog(/^relaying sqlite events/);
    relay.signal('SIGTERM');
    expect(await relay.exited).toEqual({ code: 0, signal: null });

    const { events, records } = await storedEventsAndAuditRecords(dataDir);
    expect(new Set(records.map((r) => r.id))).toEqual(new Set(events.map((e) => e.id)));
    expect(records.map((r) => r.type)).toEqual(
      expect.arrayContaining(['keyward.organization.created.v1', 'keyward.oauth_client.created.v2']),
    );
    // Two Node processes compiling TypeScript at start: a bound for a busy machine, not a wait.
  }, 120_000);
});
