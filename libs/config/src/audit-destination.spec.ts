import { auditDestination, describeAuditDestination } from './audit-destination';
import { loadConfig } from './load-config';

describe('auditDestination: the one answer to "Kafka or file?"', () => {
  it('is the Kafka topic when KAFKA_BROKERS names brokers', () => {
    const destination = auditDestination(
      loadConfig({ DATA_DIR: '/tmp/keyward-dest', KAFKA_BROKERS: '10.0.0.1:9092,10.0.0.2:9092', AUDIT_TOPIC: 'audit.v1' }),
    );
    expect(destination).toMatchObject({ kind: 'kafka', topic: 'audit.v1', kafka: { brokers: ['10.0.0.1:9092', '10.0.0.2:9092'] } });
    expect(describeAuditDestination(destination)).toBe('Kafka topic audit.v1');
  });

  it('is DATA_DIR/audit.jsonl without brokers', () =>
    expect(auditDestination(loadConfig({ DATA_DIR: '/tmp/keyward-dest', KAFKA_BROKERS: '' }))).toEqual({
      kind: 'jsonl',
      path: '/tmp/keyward-dest/audit.jsonl',
    }));
});
