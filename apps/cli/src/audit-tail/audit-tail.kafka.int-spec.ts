import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, type Message, logLevel } from 'kafkajs';
import type { AuditRecord } from '@keyward/audit';
import { kafkaBrokersForTests } from '@keyward/testing';
import { auditTailTestRecord } from './audit-tail-test-records';
import { AuditTailProcess } from './audit-tail-process';

// A first broker start may fetch its jars from Maven Central.
jest.setTimeout(60_000);

describe('npm run cli -- audit tail, on a real broker', () => {
  const topic = `audit-tail-${randomUUID()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-audit-tail-'));
  const orgA = randomUUID();
  const orgB = randomUUID();
  const a1 = auditTailTestRecord(orgA, 'keyward.service_account.created.v1');
  const a2 = auditTailTestRecord(orgA, 'keyward.oauth_client.created.v1');
  const a3 = auditTailTestRecord(orgA, 'keyward.service_account.suspended.v1', { reason: 'under review' });
  const b1 = auditTailTestRecord(orgB, 'keyward.service_account.created.v1');
  const b2 = auditTailTestRecord(orgB, 'keyward.token_request.refused.v1', {
    actor: 'anonymous',
    outcome: 'refused',
    reason: 'wrong_secret',
    sourceIp: '198.51.100.7',
  });
  // Published last on each key (so last in its partition): once a tail printed them, it read every duplicate before them.
  const a4 = auditTailTestRecord(orgA, 'keyward.service_account.deleted.v1');
  const b3 = auditTailTestRecord(orgB, 'keyward.service_account.deleted.v1');
  const unique = [a1, a2, a3, b1, b2, a4, b3];
  let brokers: { brokers: string[]; release(): Promise<void> };
  let kafka: Kafka;
  const tail = (...args: string[]) =>
    new AuditTailProcess(args, { KAFKA_BROKERS: brokers.brokers.join(','), AUDIT_TOPIC: topic, DATA_DIR: dataDir });
  const ids = (lines: readonly string[]) => lines.map((line) => (JSON.parse(line) as AuditRecord).id);

  beforeAll(async () => {
    brokers = await kafkaBrokersForTests();
    kafka = new Kafka({ clientId: 'audit-tail-spec', brokers: brokers.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const message = (record: AuditRecord): Message => ({ key: record.partitionkey, value: JSON.stringify(record) });
    // At-least-once delivery as the relay does it after a crash: a1 and b2 published twice.
    const messages = [a1, a2, a3, b1, b2, a1, b2].map(message);
    messages.push({ key: orgA, value: 'not json' }, message(a4), message(b3));
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
  }, 300_000);

  afterAll(async () => {
    await brokers?.release();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints every record once from the beginning as JSON, skipping duplicates and what is not a record', async () => {
    const cli = tail('--from-beginning', '--json');
    try {
      await cli.waitFor((lines) => [a4.id, b3.id].every((id) => ids(lines).includes(id)));
    } finally {
      expect(await cli.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
    expect(ids(cli.lines).sort()).toEqual(unique.map((r) => r.id).sort());
    expect(cli.lines.map((line) => JSON.parse(line))).toContainEqual(b2);
    expect(cli.stderr).toContain('skipped a line that is not an audit record: not json');
  });

  it('keeps one organization and a type prefix', async () => {
    const cli = tail('--from-beginning', '--json', '--org', orgA, '--type', 'keyward.service_account.');
    try {
      await cli.waitFor((lines) => ids(lines).includes(a4.id));
      // Records of the other partitions are already on the topic; give a wrongly kept one time to show.
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await cli.stop();
    }
    expect(ids(cli.lines)).toEqual([a1.id, a3.id, a4.id]);
  });

  it('prints one readable line per record for exact and version-less types, and stops on SIGINT', async () => {
    const cli = tail('--from-beginning', '--type', 'keyward.token_request.refused.v1', '--type', 'keyward.service_account.deleted');
    try {
      await cli.waitFor((lines) => lines.length >= 3);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      expect(await cli.stop('SIGINT')).toEqual({ code: 0, signal: null });
    }
    expect(cli.lines).toHaveLength(3);
    expect(cli.lines).toContain(
      `${b2.time}  keyward.token_request.refused.v1  org=${orgB}  actor=anonymous  subject=service_accounts/sa-1  outcome=refused  reason=wrong_secret  ip=198.51.100.7`,
    );
    expect(cli.lines.filter((line) => line.includes('keyward.service_account.deleted.v1'))).toHaveLength(2);
  });

  it('resumes a named consumer group where it stopped', async () => {
    const group = `security-ops-${randomUUID()}`;
    const first = tail('--from-beginning', '--json', '--group', group, '--type', 'keyward.service_account.deleted');
    try {
      await first.waitFor((lines) => lines.length >= 2);
    } finally {
      await first.stop();
    }
    const a5 = auditTailTestRecord(orgA, 'keyward.service_account.deleted.v1');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: orgA, value: JSON.stringify(a5) }] });
    await producer.disconnect();
    const second = tail('--from-beginning', '--json', '--group', group, '--type', 'keyward.service_account.deleted');
    try {
      await second.waitFor((lines) => lines.length >= 1);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await second.stop();
    }
    expect(ids(first.lines).sort()).toEqual([a4.id, b3.id].sort());
    expect(ids(second.lines)).toEqual([a5.id]);
  });

  it('refuses a topic that does not exist, with the variable to check', async () => {
    const cli = new AuditTailProcess(['--json'], {
      KAFKA_BROKERS: brokers.brokers.join(','),
      AUDIT_TOPIC: `missing-${randomUUID()}`,
      DATA_DIR: dataDir,
    });
    expect(await cli.exit()).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toMatch(/the audit topic "missing-[^"]+" does not exist .*AUDIT_TOPIC/);
    expect(cli.lines).toEqual([]);
  });
});
