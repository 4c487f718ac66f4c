import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChildProcessLines } from '../support/child-process-lines';
import { storedEventsAndAuditRecords } from '../support/embedded-audit-trail';
import { freePort } from '../support/free-port';
import { requestToken } from '../support/oauth-client';

const run = promisify(execFile);
const REPO = join(__dirname, '..', '..');
const args = (main: string, ...rest: string[]) => ['-r', '@swc-node/register', main, ...rest];

// Three Node processes compiling TypeScript at start, one after the other: a bound for a busy machine, not a wait.
jest.setTimeout(180_000);

/**
 * `npm start`'s default: the audit relay on its own thread inside the server. SIGKILLed mid-run, the
 * next start resumes from the relay's checkpoint; SIGTERM then publishes up to the head. Nothing lost.
 */
describe('the embedded audit relay thread across a SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-relay-thread-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('puts every event recorded before the kill and after the restart in DATA_DIR/audit.jsonl', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // AUDIT_RELAY unset: the default, the relay thread.
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ISSUER: baseUrl,
      KAFKA_BROKERS: '',
      AUDIT_RELAY: undefined,
      // Above the free plan's 20 grants/s: the grants come back to back.
      ORG_GRANTS_PER_SECOND_FREE: '1000',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    const { stdout } = await run(process.execPath, args('apps/cli/src/main.ts', 'bootstrap', '--org', 'Killed', '--json'), {
      cwd: REPO,
      env,
    });
    const admin = JSON.parse(stdout) as { clientId: string; clientSecret: string };
    const grants = async (count: number) => {
      for (let i = 0; i < count; i++) expect((await requestToken(baseUrl, admin)).status).toBe(200);
    };

    const first = new ChildProcessLines(process.execPath, args('apps/server/src/main.ts'), { cwd: REPO, env });
    try {
      await first.waitForLog(/^Server listening at/);
      // The thread's log lines come out through the server's logger.
      expect(await first.waitForLog('audit relay starting')).toMatchObject({ context: 'AuditRelay', after: 'the beginning' });
      await grants(30);
    } finally {
      first.signal('SIGKILL');
    }
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = new ChildProcessLines(process.execPath, args('apps/server/src/main.ts'), { cwd: REPO, env });
    try {
      await second.waitForLog(/^Server listening at/);
      await grants(10);
      second.signal('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
    } finally {
      second.signal('SIGKILL');
    }
    expect(second.lines.some((line) => line.includes('"msg":"shut down cleanly"'))).toBe(true);

    const { events, records } = await storedEventsAndAuditRecords(dataDir);
    const ids = new Set(records.map((record) => record.id));
    expect(events.filter((event) => !ids.has(event.id)).map((event) => event.type)).toEqual([]);
    expect(records.filter((record) => record.type === 'keyward.access_token.issued.v1').length).toBeGreaterThanOrEqual(40);
  });
});
