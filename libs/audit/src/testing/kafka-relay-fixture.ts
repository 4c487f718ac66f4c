/// <reference types="jest" />
import { type KafkaBroker, startKafkaBroker } from '@keyward/testing';
import type { EventStore } from '@keyward/event-store';
import { AuditRelay } from '../relay/audit-relay';
import type { AuditRelayOptions } from '../relay/audit-relay.options';
import type { RelayLogger } from '../relay/relay-logger';
import { KafkaAuditSink } from '../sink/kafka/kafka-audit-sink';
import type { KafkaAuditSinkConfig } from '../sink/kafka/kafka-audit-sink.config';
import type { TopicRecord } from './audit-topic-reader';
import { openTempEventStore } from './temp-event-store';

/** Warnings the relay logged, to show a fault was really seen (and retried) rather than missed. */
export class RecordingLogger implements RelayLogger {
  readonly warnings: string[] = [];
  info(): void {}
  warn(_fields: object, message: string): void {
    this.warnings.push(message);
  }
  error(_fields: object, message: string): void {
    this.warnings.push(message);
  }
}

/** A started relay from `store` to a Kafka topic, retrying quickly so fault tests stay short. */
export function startKafkaRelay(
  store: EventStore,
  brokers: string[],
  topic: string,
  options: Partial<AuditRelayOptions> = {},
  sinkOptions: Partial<KafkaAuditSinkConfig> = {},
) {
  const logger = new RecordingLogger();
  const sink = new KafkaAuditSink(
    { brokers, topic, topicPartitions: 3, connectionTimeoutMs: 500, requestTimeoutMs: 5000, ...sinkOptions },
    logger,
  );
  const relay = new AuditRelay({
    store,
    sink,
    logger,
    maxBatchSize: 200,
    retry: { initialMs: 100, maxMs: 1000 },
    reportIntervalMs: 0,
    ...options,
  });
  relay.start();
  return { relay, logger };
}

/** What a consumer deduplicating by id would see, and how many duplicates it dropped. */
export function tally(read: readonly TopicRecord[]): { ids: Set<string>; total: number; duplicates: number } {
  const ids = new Set(read.map((r) => r.record.id));
  return { ids, total: read.length, duplicates: read.length - ids.size };
}

export interface FaultRig {
  /** A broker of the suite's own: fault tests take it down. */
  readonly broker: KafkaBroker;
  /** A fresh event store per test. */
  readonly temp: ReturnType<typeof openTempEventStore>;
  /** The relay under test, stopped after each test. */
  relay?: AuditRelay;
}

/**
 * The hooks every relay fault suite needs: its own broker for the suite, a fresh store per test, and the
 * relay stopped and the store removed after each. `beforeCleanup` undoes the fault first (e.g. thaw).
 */
export function useFaultRig(options: { beforeCleanup?: (rig: FaultRig) => Promise<void> } = {}): FaultRig {
  const rig = {} as { broker: KafkaBroker; temp: ReturnType<typeof openTempEventStore>; relay?: AuditRelay };
  beforeAll(async () => (rig.broker = await startKafkaBroker()));
  afterAll(() => rig.broker?.stop());
  beforeEach(() => (rig.temp = openTempEventStore()));
  afterEach(async () => {
    await options.beforeCleanup?.(rig);
    await rig.relay?.stop();
    rig.relay = undefined;
    await rig.temp.dispose();
  });
  return rig;
}
