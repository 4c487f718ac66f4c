import { type KafkaBroker, startKafkaBroker } from '@keyward/testing';
import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../../record/audit-record';
import { readAuditTopic } from '../../testing/audit-topic-reader';
import { KafkaAuditSink } from './kafka-audit-sink';
import type { KafkaAuditSinkConfig } from './kafka-audit-sink.config';

// The TLS and SASL settings operators give the relay, against a broker that demands them.
jest.setTimeout(120_000);

const record = (): AuditRecord => ({
  specversion: '1.0',
  id: randomUUID(),
  source: '/organizations/o',
  type: 'keyward.scope.defined.v1',
  time: new Date(0).toISOString(),
  datacontenttype: 'application/json',
  partitionkey: 'o',
  data: { organizationId: 'o', name: 'read' },
});

describe('KafkaAuditSink over TLS with SASL', () => {
  let broker: KafkaBroker;
  let secure: NonNullable<KafkaBroker['secure']>;
  const sinkWith = (overrides: Partial<KafkaAuditSinkConfig>) =>
    new KafkaAuditSink({
      brokers: secure.brokers,
      topic: `audit-secure-${randomUUID()}`,
      ssl: true,
      sslCa: secure.caPem,
      connectionTimeoutMs: 3000,
      ...overrides,
    });

  beforeAll(async () => {
    broker = await startKafkaBroker({ secure: true });
    secure = broker.secure!;
  });
  afterAll(() => broker?.stop());

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'publishes with SASL %s, verifying the broker against the CA',
    async (mechanism) => {
      const sink = sinkWith({ sasl: { mechanism, username: secure.username, password: secure.password } });
      const sent = record();
      await sink.publish([sent]);
      await sink.close();
      expect((await readAuditTopic(broker.brokers, sink.topic)).map((r) => r.record)).toEqual([sent]);
    },
  );

  it('refuses a wrong password', async () => {
    const sink = sinkWith({ sasl: { mechanism: 'scram-sha-512', username: secure.username, password: 'wrong' } });
    await expect(sink.open()).rejects.toThrow(/authentication failed/i);
  });

  it('refuses a broker its CA did not sign', async () => {
    const sink = sinkWith({ sslCa: undefined, sasl: { mechanism: 'plain', username: secure.username, password: secure.password } });
    await expect(sink.open()).rejects.toThrow(/certificate/i);
  });
});
