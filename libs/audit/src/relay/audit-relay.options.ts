import type { EventStore } from '@keyward/event-store';
import type { AuditMapping } from '../record/audit-mapping';
import type { AuditSink } from '../sink/audit-sink.port';
import type { BackoffOptions } from './backoff';
import type { RelayLogger } from './relay-logger';
import type { AuditCheckpointSigner } from '../chain/chain-checkpoint-record';

export interface AuditRelayOptions {
  readonly store: EventStore;
  readonly sink: AuditSink;
  /** Default: defaultAuditMapping (allow-listed fields, type name derived from the event type). */
  readonly mapping?: AuditMapping;
  /** Names the checkpoint stream `checkpoint_{processor}`. Default `audit-relay`. */
  readonly processor?: string;
  /** Events per publish and checkpoint; the Kafka sink splits a batch into sends under 1 MiB. Default 1000. */
  readonly maxBatchSize?: number;
  /** Bytes per publish and checkpoint (event data and metadata as JSON); one bigger event goes alone. Default 4 MiB. */
  readonly maxBatchBytes?: number;
  /** Events read ahead of the sink before the subscription is paused. Default 4 × maxBatchSize. */
  readonly bufferCapacity?: number;
  /** Bytes read ahead of the sink before the subscription is paused. Default 4 × maxBatchBytes. */
  readonly bufferCapacityBytes?: number;
  /**
   * Checkpoints at most this often (and whenever the relay goes idle), so a trickle of small batches
   * does not append one checkpoint per event. A crash republishes at most this much. Default 1000 ms.
   */
  readonly checkpointIntervalMs?: number;
  /**
   * While events keep coming, a batch waits up to this long after the previous one for more, so a busy
   * relay publishes fewer, larger batches (each is a write and a sync, or a Kafka produce, whatever its
   * size). An event after a quiet spell, or one that waitUntilProcessed waits for, is published at once.
   * Default 100 ms (relay-thread-cost bench, 4,000 events a second: about 39, 27 and 23 µs an event on the
   * relay thread with 20, 50 and 100 ms).
   */
  readonly gatherMs?: number;
  /** Between failed attempts to publish, checkpoint or resubscribe. */
  readonly retry?: BackoffOptions;
  readonly logger?: RelayLogger;
  /** How often lag and throughput are measured and logged. Default 10 s; 0 turns it off. */
  readonly reportIntervalMs?: number;
  /** Lag is counted up to this many events. Default 10 000. */
  readonly lagCountLimit?: number;
  /** How long stop() lets an in-flight publish finish before closing the sink under it. Default 5 s. */
  readonly stopGraceMs?: number;
  /** Called once if the relay gives up for good (another relay took over the checkpoint). */
  readonly onFatal?: (error: Error) => void;
  readonly now?: () => number;
  /**
   * Signed checkpoints of the hash chains (keyward.audit.checkpoint.v1): one per chain every
   * `everyRecords` records (default 1000) or `everyMs` (default 10 s). Without a signer, none.
   */
  readonly chainCheckpoints?: { readonly signer?: AuditCheckpointSigner; readonly everyRecords?: number; readonly everyMs?: number };
}
