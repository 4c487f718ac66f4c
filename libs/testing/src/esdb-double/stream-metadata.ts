import { invalidArgument } from './rpc-errors';
import type { ProposedEvent, StoredEvent } from './stored-event';

/** Where clients write a stream's metadata (the client's setStreamMetadata appends there). */
export const metastreamOf = (streamName: string): string => `$$${streamName}`;
export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$');

const METADATA_EVENT_TYPE = '$metadata';

/**
 * What a metastream may hold: `$metadata` JSON objects whose `$tb`, when present, is a revision.
 * Stricter than the server, which would store a malformed document and read it as no metadata: a
 * client bug then fails the test that caused it instead of silently truncating nothing.
 */
export function assertMetadataEvents(streamName: string, proposed: readonly ProposedEvent[]): void {
  for (const event of proposed) {
    if (event.type !== METADATA_EVENT_TYPE || event.contentType !== 'application/json') {
      throw invalidArgument(`${streamName} takes only ${METADATA_EVENT_TYPE} JSON events, not ${event.type} (${event.contentType})`);
    }
    const document = parseObject(event.data);
    if (document === undefined) throw invalidArgument(`${streamName}: stream metadata must be a JSON object`);
    const truncateBefore = document['$tb'];
    if (truncateBefore !== undefined && !(Number.isSafeInteger(truncateBefore) && (truncateBefore as number) >= 0)) {
      throw invalidArgument(`${streamName}: $tb must be a non-negative integer`);
    }
  }
}

/**
 * The stream's `$tb` from the newest event of its metastream: stream reads skip events below it. $all
 * reads do not (EventStoreDB's $all bypasses the stream index until a scavenge removes the events).
 */
export function truncatedBefore(metastream: readonly StoredEvent[] | undefined): bigint {
  const newest = metastream?.at(-1);
  if (newest === undefined) return 0n;
  const truncateBefore = parseObject(newest.data)?.['$tb'];
  return typeof truncateBefore === 'number' ? BigInt(truncateBefore) : 0n;
}

function parseObject(data: Uint8Array): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(data).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
