import type { LogRecord } from './event-log';
import { toEventFilter } from './event-filter';
import { streams } from './generated';
import type { NodeContext } from './node-context';
import { send, type ReadCall } from './response-writer';
import { invalidArgument, streamDeleted, unexpectedReadAllResult } from './rpc-errors';
import type { StoredEvent } from './stored-event';
import { eventResp, streamNotFoundResp } from './to-read-resp';

const { ReadDirection } = streams.ReadReq.Options;
const RevisionCase = streams.ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = streams.ReadReq.Options.AllOptions.AllOptionCase;

export const streamNameOf = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? []).toString('utf8');

/**
 * A stream read (Enumerator.ReadStreamForwards/Backwards): revision order from an inclusive start,
 * through the stream index, so $tb, $maxCount, $maxAge and a soft delete hide events at once. A missing
 * stream is a message, not an error; a tombstoned one is StreamDeleted.
 */
export async function readStream(node: NodeContext, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  if (options.hasFilter()) throw invalidArgument('stream reads take no filter');
  const streamOptions = options.getStream()!;
  const streamName = streamNameOf(streamOptions.getStreamIdentifier());
  node.assertAccess('read', streamName);
  if (node.log.stream(streamName)?.tombstoned) throw streamDeleted(streamName);
  const stream = node.log.visibleEvents(streamName, node.horizon());
  if (stream === undefined) {
    await send(call, streamNotFoundResp(streamName));
    return void call.end();
  }
  const last = node.log
    .stream(streamName)!
    .events.filter((event) => event.position < node.horizon())
    .at(-1)!.revision;
  const forwards = options.getReadDirection() === ReadDirection.FORWARDS;
  const from = (() => {
    switch (streamOptions.getRevisionOptionCase()) {
      case RevisionCase.START:
        return 0n;
      case RevisionCase.END:
        return forwards ? last + 1n : last;
      case RevisionCase.REVISION:
        // Reading backwards from beyond the end starts at the last event, as the server does.
        return forwards ? BigInt(streamOptions.getRevision()) : minBigInt(BigInt(streamOptions.getRevision()), last);
      default:
        throw invalidArgument('stream read without a revision option');
    }
  })();
  const selected = forwards ? stream.filter((event) => event.revision >= from) : stream.filter((event) => event.revision <= from).reverse();
  await sendAll(call, options, selected);
}

/**
 * A one-off $all read (Enumerator.ReadAllForwards/Backwards over TFChunkReadSide): forwards from a
 * position includes the record there, backwards excludes it. The position must be a record boundary
 * (or at/after the end): from inside a record the storage answers InvalidPosition, which the gRPC
 * layer has no mapping for, so the client sees UNKNOWN "Unexpected ReadAllResult: InvalidPosition".
 * A scavenged record's position is still a boundary; the read goes on to the next record.
 * Soft-deleted, truncated and expired events stay in $all until a scavenge.
 */
export async function readAll(node: NodeContext, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  node.assertAccess('read', '$all');
  const allOptions = options.getAll()!;
  const forwards = options.getReadDirection() === ReadDirection.FORWARDS;
  const records = node.log.records();
  const end = visibleEnd(node);
  const matches = options.hasFilter() ? toEventFilter(options.getFilter()!) : () => true;
  let from: number;
  switch (allOptions.getAllOptionCase()) {
    case AllCase.START:
      from = forwards ? 0 : -1;
      break;
    case AllCase.END:
      from = forwards ? end : end - 1;
      break;
    case AllCase.POSITION: {
      const at = locateOnNode(node, BigInt(allOptions.getPosition()!.getCommitPosition()));
      if (!at.boundary) throw unexpectedReadAllResult('InvalidPosition');
      from = forwards ? at.index : at.index - 1;
      break;
    }
    default:
      throw invalidArgument('$all read without a position option');
  }
  function* selected(): Generator<StoredEvent> {
    for (let i = from; forwards ? i < end : i >= 0; i += forwards ? 1 : -1) {
      const event = readableEvent(records[i]!);
      if (event !== undefined && matches(event)) yield event;
    }
  }
  await sendAll(call, options, selected());
}

/** How many records this node has (a follower's copy ends at its horizon). */
export function visibleEnd(node: NodeContext): number {
  const horizon = node.horizon();
  return horizon >= node.log.end ? node.log.records().length : node.log.locate(horizon).index;
}

export function locateOnNode(node: NodeContext, position: bigint): { index: number; boundary: boolean } {
  if (position >= node.horizon()) return { index: visibleEnd(node), boundary: true };
  return node.log.locate(position);
}

/** What $all reads return of a record: its event, unless hidden or scavenged. */
export const readableEvent = (record: LogRecord): StoredEvent | undefined =>
  record.event === undefined || record.hidden || record.scavenged ? undefined : record.event;

async function sendAll(call: ReadCall, options: streams.ReadReq.Options, events: Iterable<StoredEvent>): Promise<void> {
  let remaining = BigInt(options.getCount());
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  for (const event of events) {
    if (remaining <= 0n) break;
    remaining -= 1n;
    if (!(await send(call, eventResp(event, structuredIds)))) return;
  }
  call.end();
}

const minBigInt = (a: bigint, b: bigint): bigint => (a < b ? a : b);
