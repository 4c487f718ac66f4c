import { decideWrite, type ExpectedVersion, type StreamState } from './expected-version';
import { IdempotencyCache } from './idempotency-cache';
import { recordSize, type ProposedEvent, type StoredEvent } from './stored-event';
import { DELETED_STREAM, metastreamOf, readMetadata, visibleInStream, type StreamMetadata } from './stream-metadata';
import { EPOCHS_STREAM, epochInformation, epochRecord, systemEventsAtStartup } from './system-events';

export type AppendOutcome =
  | { readonly kind: 'success'; readonly written: readonly StoredEvent[]; readonly currentRevision: bigint | undefined }
  /** A retry: nothing written, answered with the original last event (and its position, as 26.x does). */
  | { readonly kind: 'idempotent'; readonly currentRevision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | undefined }
  | { readonly kind: 'stream_deleted' };

/** A record of the transaction log: an event, or a system record no read returns (the epoch). */
export interface LogRecord {
  readonly position: bigint;
  readonly event: StoredEvent | undefined;
  /** Not returned by $all reads ($epoch-information), though its stream reads it. */
  readonly hidden: boolean;
  /** Removed by a scavenge: its position is still a record boundary, reads go on to the next record. */
  scavenged: boolean;
}

interface MutableStream extends StreamState {
  events: StoredEvent[];
  tombstoned: boolean;
  softDeleted: boolean;
}

export interface EventLogOptions {
  readonly now: () => Date;
  readonly idempotencyCacheSize: number;
}

/**
 * The double's storage: one in-memory transaction log (the chunks of TFChunkDb) with the stream index
 * beside it. It outlives server restarts; the idempotency cache does not.
 */
export class EventLog {
  private readonly recordList: LogRecord[] = [];
  private readonly streams = new Map<string, MutableStream>();
  private readonly listeners = new Set<() => void>();
  private readonly cache: IdempotencyCache;
  private writerCheckpoint = 0n;
  private epochNumber = -1;

  constructor(private readonly options: EventLogOptions) {
    this.cache = new IdempotencyCache(options.idempotencyCacheSize);
    this.writeEpoch();
    for (const { streamName, event } of systemEventsAtStartup()) this.append(streamName, { kind: 'any' }, [event]);
  }

  /** Every record, in log order (scavenged ones flagged). */
  records(): readonly LogRecord[] {
    return this.recordList;
  }

  /** Where the next record goes: a read or subscription from here is at the end, not inside a record. */
  get end(): bigint {
    return this.writerCheckpoint;
  }

  nowTicks(): bigint {
    return BigInt(this.options.now().getTime()) * 10_000n;
  }

  /** Index of the first record at or after `position`, and whether `position` is a record boundary. */
  locate(position: bigint): { readonly index: number; readonly boundary: boolean } {
    let [low, high] = [0, this.recordList.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.recordList[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    const boundary = this.recordList[low]?.position === position || position >= this.writerCheckpoint;
    return { index: low, boundary };
  }

  stream(streamName: string): StreamState | undefined {
    return this.streams.get(streamName);
  }

  metadata(streamName: string): StreamMetadata {
    return readMetadata(this.streams.get(metastreamOf(streamName))?.events);
  }

  /** The events a stream read sees now, in revision order ($tb, $maxCount, $maxAge, soft delete applied). */
  visibleEvents(streamName: string, positionBefore: bigint = this.writerCheckpoint): StoredEvent[] | undefined {
    const state = this.streams.get(streamName);
    if (state === undefined || state.events.length === 0) return undefined;
    const events = state.events.filter((event) => event.position < positionBefore);
    if (events.length === 0) return undefined;
    const last = events.at(-1)!.revision;
    const metadata = this.metadata(streamName);
    if (state.softDeleted || metadata.truncateBefore === DELETED_STREAM) return undefined;
    const now = this.nowTicks();
    return events.filter((event) => visibleInStream(event, last, metadata, now));
  }

  append(streamName: string, expected: ExpectedVersion, proposed: readonly ProposedEvent[]): AppendOutcome {
    const state = this.streams.get(streamName);
    const decision = decideWrite(streamName, state, expected, proposed, this.cache);
    const last = state === undefined || state.events.length === 0 ? undefined : BigInt(state.events.length - 1);
    switch (decision.kind) {
      case 'stream_deleted':
        return { kind: 'stream_deleted' };
      case 'wrong_expected_version':
        return { kind: 'wrong_expected_version', currentRevision: last };
      case 'idempotent':
        return {
          kind: 'idempotent',
          currentRevision: decision.lastRevision,
          position: state?.events[Number(decision.lastRevision)]?.position,
        };
      case 'write':
        return this.write(streamName, state, proposed, last);
      default: {
        const _: never = decision;
        return _;
      }
    }
  }

  private write(
    streamName: string,
    existing: MutableStream | undefined,
    proposed: readonly ProposedEvent[],
    last: bigint | undefined,
  ): AppendOutcome {
    if (proposed.length === 0) return { kind: 'success', written: [], currentRevision: last };
    const stream = existing ?? { events: [], tombstoned: false, softDeleted: false };
    this.streams.set(streamName, stream);
    const created = this.nowTicks();
    const written = proposed.map((event, i): StoredEvent => {
      const stored = { ...event, streamName, revision: BigInt(stream.events.length + i), position: this.writerCheckpoint, created };
      this.recordList.push({ position: this.writerCheckpoint, event: stored, hidden: streamName === EPOCHS_STREAM, scavenged: false });
      this.writerCheckpoint += recordSize(streamName, event);
      this.cache.put(event.id, streamName, stored.revision);
      return stored;
    });
    stream.events.push(...written);
    // StorageWriterService.SoftUndeleteStream: writing to a soft-deleted stream recreates it from here.
    if (stream.softDeleted) {
      stream.softDeleted = false;
      this.setMetadataKey(streamName, '$tb', Number(written[0]!.revision));
    }
    this.notify();
    return { kind: 'success', written, currentRevision: BigInt(stream.events.length - 1) };
  }

  /** Streams/Delete: a soft delete hides the stream until it is written again. */
  softDelete(streamName: string): boolean {
    const state = this.streams.get(streamName);
    if (state === undefined || state.tombstoned) return false;
    state.softDeleted = true;
    this.setMetadataKey(streamName, '$tb', Number(DELETED_STREAM));
    return true;
  }

  /** Streams/Tombstone: the stream is gone for good; reads and writes answer StreamDeleted. */
  tombstone(streamName: string): void {
    const state = this.streams.get(streamName) ?? { events: [], tombstoned: false, softDeleted: false };
    state.tombstoned = true;
    this.streams.set(streamName, state);
    this.notify();
  }

  /**
   * A new epoch (startup, each election): the epoch record, which no read returns, then its
   * `$epoch-information` event in `$epochs`, which $all reads skip (EpochManager.WriteEpochInformationWithRetry).
   */
  writeEpoch(): void {
    const { size } = epochRecord();
    this.recordList.push({ position: this.writerCheckpoint, event: undefined, hidden: true, scavenged: false });
    this.writerCheckpoint += size;
    this.epochNumber += 1;
    this.append(EPOCHS_STREAM, { kind: 'any' }, [epochInformation(this.epochNumber)]);
  }

  /**
   * A scavenge (KurrentDB src/KurrentDB.Core/TransactionLog/Scavenging/): events that stream reads no
   * longer return leave $all too, except each stream's last event, which keeps the stream's version.
   * Metastreams keep their newest document only.
   */
  scavenge(): number {
    let removed = 0;
    const now = this.nowTicks();
    for (const [streamName, state] of this.streams) {
      const lastIndex = state.events.length - 1;
      const metadata = streamName.startsWith('$$') ? { maxCount: 1 } : this.metadata(streamName);
      const gone = state.tombstoned || state.softDeleted || metadata.truncateBefore === DELETED_STREAM;
      state.events.forEach((event, i) => {
        if (i === lastIndex || (!gone && visibleInStream(event, BigInt(lastIndex), metadata, now))) return;
        const { index } = this.locate(event.position);
        const record = this.recordList[index]!;
        if (!record.scavenged) removed += 1;
        record.scavenged = true;
      });
    }
    this.append('$scavenges', { kind: 'any' }, [systemEventsAtStartup.scavengeCompleted(removed)]);
    return removed;
  }

  /** Called after every change a reader may care about; returns the unsubscribe function. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A restart forgets what only lives in memory on a real node. */
  restarted(): void {
    this.cache.clear();
    this.writeEpoch();
  }

  private setMetadataKey(streamName: string, key: string, value: number): void {
    const metastream = metastreamOf(streamName);
    const current = this.streams.get(metastream)?.events.at(-1);
    const document = current === undefined ? {} : (JSON.parse(Buffer.from(current.data).toString('utf8')) as Record<string, unknown>);
    const data = Buffer.from(JSON.stringify({ ...document, [key]: value }));
    this.append(metastream, { kind: 'any' }, [
      { id: crypto.randomUUID(), type: '$metadata', contentType: 'application/json', data, customMetadata: new Uint8Array() },
    ]);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
