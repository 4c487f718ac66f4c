/** One event record of the double's in-memory transaction log. */
export interface StoredEvent {
  /** Lower-case canonical UUID, as EventStoreDB returns it whatever case was written. */
  readonly id: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** Log position (byte offset of the record). Commit and prepare positions are equal for gRPC writes. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB puts in the `created` metadata. */
  readonly created: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export const isSystemStream = (streamName: string): boolean => streamName.startsWith('$');

/**
 * Size of the prepare record on disk (KurrentDB src/KurrentDB.Core/TransactionLog/LogRecords/PrepareLogRecord.cs:
 * fixed header, length-prefixed stream name and type, data, metadata, and the length prefix and suffix
 * framing every record in a chunk). Only its order of magnitude matters: positions are sparse.
 */
export function recordSize(streamName: string, event: Pick<ProposedEvent, 'type' | 'data' | 'customMetadata'>): bigint {
  const FIXED = 4 + 1 + 1 + 2 + 8 + 8 + 4 + 8 + 2 + 16 + 16 + 8 + 4 + 4 + 4;
  return BigInt(
    FIXED + 1 + Buffer.byteLength(streamName) + 1 + Buffer.byteLength(event.type) + event.data.length + event.customMetadata.length,
  );
}

/** Event.SizeOnDisk (KurrentDB src/KurrentDB.Core/Data/Event.cs): what MaxAppendSize and MaxAppendEventSize count. */
export const sizeOnDisk = (event: Pick<ProposedEvent, 'type' | 'data' | 'customMetadata'>): number =>
  event.data.length + event.customMetadata.length + event.type.length * 2;
