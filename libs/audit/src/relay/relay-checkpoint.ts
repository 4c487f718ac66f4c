import { type EventStore, type GlobalPosition, WrongExpectedRevision } from '@keyward/event-store';
import { randomUUID } from 'node:crypto';
import { type RelayLogger, silentRelayLogger } from './relay-logger';
import type { StoredChains } from '../chain/audit-chains';

/** Streams of subscriber checkpoints; never relayed (a checkpoint would otherwise beget a record). */
export const CHECKPOINT_STREAM_PREFIX = 'checkpoint_';
export const CHECKPOINT_STORED = 'CheckpointStored';

export const checkpointStream = (processor: string): string => `${CHECKPOINT_STREAM_PREFIX}${processor}`;

interface CheckpointStoredData {
  /** Decimal: JSON has no bigint. */
  readonly position: string;
  readonly relayInstanceId: string;
  /**
   * The audit hash chains' heads at exactly `position`, in the same event: a restart links the events
   * after it as the first run did. Absent in checkpoints written before the chain existed.
   */
  readonly chains?: StoredChains;
}

/**
 * How far the relay has published: every event at or before this position is on the sink. Undefined
 * while it never checkpointed. For readers that must not outrun the relay (token-history retention).
 */
export async function readPublishedPosition(store: EventStore, processor = 'audit-relay'): Promise<GlobalPosition | undefined> {
  const [last] = await store.readStream(checkpointStream(processor), { direction: 'backwards', maxCount: 1 });
  return last ? BigInt((last.data as CheckpointStoredData).position) : undefined;
}

/** Another relay stored a checkpoint since this one loaded it: two relays are running; this one must stop. */
export class RelayFenced extends Error {
  override readonly name = 'RelayFenced';
  constructor(stream: string) {
    super(`another relay wrote ${stream}; this relay stops so that only one runs`);
  }
}

/**
 * The relay's position in $all, kept in its own stream. Appends use the expected revision, so a
 * second relay started by mistake is detected at its first checkpoint instead of racing this one.
 * Only the newest checkpoint matters, so each one truncates the stream before itself: at about one
 * a second while busy, the stream would otherwise grow by ~86k events a day.
 */
export class RelayCheckpoint {
  readonly stream: string;
  private revision: number | 'no_stream' = 'no_stream';
  private truncating: Promise<void> | undefined;
  /** The chain heads stored with the checkpoint `load` returned. */
  loadedChains: StoredChains = {};

  private readonly store: EventStore;
  private readonly logger: RelayLogger;
  private readonly relayInstanceId: string;

  constructor(props: {
    readonly store: EventStore;
    /** Whose checkpoint: one stream per processor. */
    readonly processor: string;
    readonly logger?: RelayLogger;
    readonly relayInstanceId?: string;
  }) {
    this.store = props.store;
    this.logger = props.logger ?? silentRelayLogger;
    this.relayInstanceId = props.relayInstanceId ?? randomUUID();
    this.stream = checkpointStream(props.processor);
  }

  /** The last stored position, or undefined when the relay never checkpointed (start from the beginning). */
  async load(): Promise<GlobalPosition | undefined> {
    const [last] = await this.store.readStream(this.stream, { direction: 'backwards', maxCount: 1 });
    if (!last) {
      this.revision = 'no_stream';
      this.loadedChains = {};
      return undefined;
    }
    this.revision = last.revision;
    this.loadedChains = (last.data as CheckpointStoredData).chains ?? {};
    return BigInt((last.data as CheckpointStoredData).position);
  }

  async save(position: GlobalPosition, chains?: StoredChains): Promise<void> {
    const data: CheckpointStoredData = {
      position: position.toString(),
      relayInstanceId: this.relayInstanceId,
      ...(chains ? { chains } : {}),
    };
    try {
      const result = await this.store.append(
        this.stream,
        [{ id: randomUUID(), type: CHECKPOINT_STORED, data, metadata: { actor: 'system', schemaVersion: 1 } }],
        { expectedRevision: this.revision },
      );
      this.revision = result.nextExpectedRevision;
      this.truncateBefore(result.nextExpectedRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      // Our earlier append may have committed with its answer lost (a network store): then the
      // stream's last event is ours and nothing is wrong.
      const [last] = await this.store.readStream(this.stream, { direction: 'backwards', maxCount: 1 });
      const mine = last?.data as CheckpointStoredData | undefined;
      if (mine?.relayInstanceId !== this.relayInstanceId || mine.position !== data.position) throw new RelayFenced(this.stream);
      this.revision = last!.revision;
      this.truncateBefore(last!.revision);
    }
  }

  /** Resolves once no truncation is in flight; the relay awaits it before the store may be closed. */
  async settled(): Promise<void> {
    await this.truncating;
  }

  // Best effort and in the background: a checkpoint is stored once its append commits, and a
  // truncation that fails (or is skipped while one runs) is covered by the next checkpoint's.
  private truncateBefore(revision: number): void {
    if (this.truncating !== undefined || revision === 0) return;
    this.truncating = this.store
      .truncateStreamBefore(this.stream, revision)
      .catch((error: Error) =>
        this.logger.warn(
          { err: error.message, stream: this.stream },
          'audit relay: old checkpoints not truncated; retried at the next checkpoint',
        ),
      )
      .finally(() => (this.truncating = undefined));
  }
}
