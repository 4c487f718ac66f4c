import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '@keyward/audit';
import { auditTailTestRecord } from './audit-tail-test-records';
import { AuditTailProcess } from './audit-tail-process';

jest.setTimeout(60_000);

/** Without KAFKA_BROKERS the tail follows DATA_DIR/audit.jsonl, the embedded relay's file. */
describe('npm run cli -- audit tail, without Kafka', () => {
  let dataDir: string;
  const orgA = randomUUID();
  const orgB = randomUUID();
  const line = (record: AuditRecord) => `${JSON.stringify(record)}\n`;
  const tail = (...args: string[]) => new AuditTailProcess(args, { KAFKA_BROKERS: undefined, DATA_DIR: dataDir });
  const ids = (lines: readonly string[]) => lines.map((text) => (JSON.parse(text) as AuditRecord).id);

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'keyward-audit-tail-jsonl-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads from the beginning and follows, with filters, dropping duplicates and waiting for a line being written', async () => {
    const a1 = auditTailTestRecord(orgA, 'keyward.service_account.created.v1');
    const b1 = auditTailTestRecord(orgB, 'keyward.service_account.created.v1');
    const a2 = auditTailTestRecord(orgA, 'keyward.credential.revoked.v1');
    const a3 = auditTailTestRecord(orgA, 'keyward.service_account.deleted.v1');
    const file = join(dataDir, 'audit.jsonl');
    // A relay crash can leave a torn line, which the sink ends with a newline on restart.
    writeFileSync(file, line(a1) + line(b1) + '{"torn":\n' + line(a1));
    const cli = tail('--from-beginning', '--json', '--org', orgA, '--type', 'keyward.service_account.');
    try {
      await cli.waitFor((lines) => lines.length >= 1);
      const [first, second] = [line(a2), line(a3)];
      appendFileSync(file, first + second.slice(0, 20));
      await new Promise((r) => setTimeout(r, 600));
      expect(cli.lines).toHaveLength(1);
      appendFileSync(file, second.slice(20) + line(a1));
      await cli.waitFor((lines) => lines.length >= 2);
      await new Promise((r) => setTimeout(r, 600));
    } finally {
      expect(await cli.stop('SIGINT')).toEqual({ code: 0, signal: null });
    }
    expect(ids(cli.lines)).toEqual([a1.id, a3.id]);
    expect(cli.stderr).toContain('skipped a line that is not an audit record: {"torn":');
  });

  it('starts at the end without --from-beginning', async () => {
    const old = auditTailTestRecord(orgA, 'keyward.service_account.created.v1');
    const fresh = auditTailTestRecord(orgA, 'keyward.service_account.renamed.v1');
    const file = join(dataDir, 'audit.jsonl');
    writeFileSync(file, line(old));
    const cli = tail('--json');
    try {
      await cli.waitFor((_lines, stderr) => stderr.includes('reading'));
      await new Promise((r) => setTimeout(r, 1000));
      appendFileSync(file, line(fresh));
      await cli.waitFor((lines) => lines.length >= 1);
    } finally {
      await cli.stop();
    }
    expect(ids(cli.lines)).toEqual([fresh.id]);
  });

  it('says clearly what it waits for when there is no file yet, then reads it once it appears', async () => {
    const record = auditTailTestRecord(orgA, 'keyward.organization.created.v1');
    const cli = tail();
    try {
      await cli.waitFor((_lines, stderr) => stderr.includes('does not exist yet'));
      expect(cli.stderr).toMatch(/audit\.jsonl does not exist yet: no KAFKA_BROKERS is set/);
      writeFileSync(join(dataDir, 'audit.jsonl'), line(record));
      await cli.waitFor((lines) => lines.length >= 1);
    } finally {
      await cli.stop();
    }
    expect(cli.lines).toEqual([expect.stringMatching(new RegExp(`keyward\\.organization\\.created\\.v1  org=${orgA}  actor=cli:alice`))]);
  });
});
