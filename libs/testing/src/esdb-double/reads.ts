import type { EventLog } from './event-log';
import { toEventFilter } from './event-filter';
import { streams } from './generated';
import { send, type ReadCall } from './response-writer';
import { invalidArgument } from './rpc-errors';
import type { StoredEvent } from './stored-event';
import { eventResp, streamNotFoundResp } from './to-read-resp';

const { ReadDirection } = streams.ReadReq.Options;
const RevisionCase = streams.ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = streams.ReadReq.Options.AllOptions.AllOptionCase;

/** A stream read: revision order from an inclusive start; a missing stream is a message, not an error. */
export async function readStream(log: EventLog, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  if (options.hasFilter()) throw invalidArgument('stream reads take no filter');
  const streamOptions = options.getStream()!;
  const streamName = Buffer.from(streamOptions.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
  const stream = log.stream(streamName);
  if (stream === undefined) {
    await send(call, streamNotFoundResp(streamName));
    return void call.end();
  }
  const last = BigInt(stream.length - 1);
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
  // The stream still exists when its $tb hides every event: an empty read, not stream_not_found.
  const kept = log.truncatedBefore(streamName);
  const selected = forwards
    ? stream.filter((event) => event.revision >= from && event.revision >= kept)
    : stream.filter((event) => event.revision <= from && event.revision >= kept).reverse();
  await sendAll(call, options, selected);
}

/**
 * A one-off $all read. Truncated events stay in it, as on EventStoreDB before a scavenge. Forwards from a position is inclusive (the event at that position comes first);
 * backwards from a position is exclusive, as on EventStoreDB.
 */
export async function readAll(log: EventLog, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  const allOptions = options.getAll()!;
  const forwards = options.getReadDirection() === ReadDirection.FORWARDS;
  const events = log.events();
  const matches = options.hasFilter() ? toEventFilter(options.getFilter()!) : () => true;
  let selected: StoredEvent[];
  switch (allOptions.getAllOptionCase()) {
    case AllCase.START:
      selected = forwards ? [...events] : [];
      break;
    case AllCase.END:
      selected = forwards ? [] : [...events].reverse();
      break;
    case AllCase.POSITION: {
      const position = BigInt(allOptions.getPosition()!.getCommitPosition());
      selected = forwards
        ? events.filter((event) => event.position >= position)
        : events.filter((event) => event.position < position).reverse();
      break;
    }
    default:
      throw invalidArgument('$all read without a position option');
  }
  await sendAll(call, options, selected.filter(matches));
}

async function sendAll(call: ReadCall, options: streams.ReadReq.Options, events: readonly StoredEvent[]): Promise<void> {
  const count = BigInt(options.getCount());
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  for (const event of events.slice(0, Number(minBigInt(count, BigInt(events.length))))) {
    if (!(await send(call, eventResp(event, structuredIds)))) return;
  }
  call.end();
}

const minBigInt = (a: bigint, b: bigint): bigint => (a < b ? a : b);
