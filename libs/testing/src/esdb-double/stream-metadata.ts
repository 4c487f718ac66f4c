import { invalidArgument } from './rpc-errors';
import type { ProposedEvent, StoredEvent } from './stored-event';

/** Where clients write a stream's metadata (the client's setStreamMetadata appends there). */
export const metastreamOf = (streamName: string): string => `$$${streamName}`;
export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$');
export const streamOfMetastream = (metastream: string): string => metastream.slice(2);

const METADATA_EVENT_TYPE = '$metadata';

/** The `$`-keys the server reads (KurrentDB src/KurrentDB.Core/Data/StreamMetadata.cs, SystemMetadata). */
export interface StreamMetadata {
  /** $tb: revisions below it are gone for stream reads. */
  readonly truncateBefore?: bigint;
  /** $maxCount: only the newest N events are readable. */
  readonly maxCount?: number;
  /** $maxAge in seconds: older events are not readable. */
  readonly maxAgeSeconds?: number;
}

/** A soft delete stores $tb = EventNumber.DeletedStream (long.MaxValue) until the stream is written again. */
export const DELETED_STREAM = 2n ** 63n - 1n;

const NUMBER_KEYS = ['$tb', '$maxCount', '$maxAge'] as const;

/**
 * What a metastream may hold: `$metadata` JSON objects whose `$tb`, `$maxCount`, `$maxAge` are
 * non-negative integers. Stricter than the server, which would store a malformed document and read it
 * as no metadata: a client bug then fails the test that caused it instead of silently truncating nothing.
 */
export function assertMetadataEvents(streamName: string, proposed: readonly ProposedEvent[]): void {
  for (const event of proposed) {
    if (event.type !== METADATA_EVENT_TYPE || event.contentType !== 'application/json') {
      throw invalidArgument(`${streamName} takes only ${METADATA_EVENT_TYPE} JSON events, not ${event.type} (${event.contentType})`);
    }
    const document = parseObject(event.data);
    if (document === undefined) throw invalidArgument(`${streamName}: stream metadata must be a JSON object`);
    for (const key of NUMBER_KEYS) {
      const value = document[key];
      if (
        value !== undefined &&
        !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) &&
        !(key === '$tb' && value === Number(DELETED_STREAM))
      ) {
        throw invalidArgument(`${streamName}: ${key} must be a non-negative integer`);
      }
    }
  }
}

/** The newest document of a metastream: metastreams have an implicit $maxCount of 1. */
export function readMetadata(metastream: readonly StoredEvent[] | undefined): StreamMetadata {
  const newest = metastream?.at(-1);
  const document = newest === undefined ? undefined : parseObject(newest.data);
  if (document === undefined) return {};
  const number = (key: string): number | undefined => (typeof document[key] === 'number' ? (document[key] as number) : undefined);
  const tb = number('$tb');
  return {
    ...(tb === undefined ? {} : { truncateBefore: tb >= Number(DELETED_STREAM) ? DELETED_STREAM : BigInt(tb) }),
    ...(number('$maxCount') === undefined ? {} : { maxCount: number('$maxCount') }),
    ...(number('$maxAge') === undefined ? {} : { maxAgeSeconds: number('$maxAge') }),
  };
}

/**
 * Whether a stream read returns this event (KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexReader.cs:
 * the stream index honours $tb, $maxCount and $maxAge at read time, before any scavenge).
 */
export function visibleInStream(event: StoredEvent, lastRevision: bigint, metadata: StreamMetadata, nowTicks: bigint): boolean {
  if (metadata.truncateBefore !== undefined && event.revision < metadata.truncateBefore) return false;
  if (metadata.maxCount !== undefined && event.revision <= lastRevision - BigInt(metadata.maxCount)) return false;
  if (metadata.maxAgeSeconds !== undefined && event.created < nowTicks - BigInt(metadata.maxAgeSeconds) * 10_000_000n) return false;
  return true;
}

export function parseObject(data: Uint8Array): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
