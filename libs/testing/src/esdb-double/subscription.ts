import { randomUUID } from 'node:crypto';
import type { EventLog } from './event-log';
import { checkpointInterval, toEventFilter, type EventFilter } from './event-filter';
import { streams } from './generated';
import { send, type ReadCall } from './response-writer';
import { invalidArgument } from './rpc-errors';
import type { StoredEvent } from './stored-event';
import { caughtUpResp, checkpointResp, confirmationResp, eventResp } from './to-read-resp';

const RevisionCase = streams.ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = streams.ReadReq.Options.AllOptions.AllOptionCase;

interface Source {
  events(): readonly StoredEvent[];
  /** Index of the first event to deliver: the start position or revision itself is excluded. */
  readonly startIndex: number;
  readonly matches: EventFilter;
  /** Considered events between checkpoints, for filtered $all subscriptions only. */
  readonly checkpointEvery: number | undefined;
}

/**
 * A catch-up subscription: confirmation, the history after the (exclusive) start, `caught_up`, then live
 * events. One cursor over the log serves history and live alike, so nothing is skipped or repeated
 * at the switch. Back-pressure is gRPC flow control; the double never drops a slow subscriber.
 */
export async function subscribe(log: EventLog, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  const source = options.hasAll() ? allSource(log, options) : streamSource(log, options);
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  if (!(await send(call, confirmationResp(randomUUID())))) return;
  let cursor = source.startIndex;
  let considered = 0;
  let caughtUp = false;
  while (!call.cancelled && !call.destroyed) {
    const events = source.events();
    const event = events[cursor];
    if (event !== undefined) {
      cursor += 1;
      considered += 1;
      if (source.matches(event) && !(await send(call, eventResp(event, structuredIds)))) return;
      if (source.checkpointEvery !== undefined && considered >= source.checkpointEvery) {
        considered = 0;
        if (!(await send(call, checkpointResp(event.position)))) return;
      }
      continue;
    }
    if (!caughtUp) {
      caughtUp = true;
      if (!(await send(call, caughtUpResp()))) return;
    }
    await nextAppendOrClose(log, call);
  }
}

function allSource(log: EventLog, options: streams.ReadReq.Options): Source {
  const all = options.getAll()!;
  const events = log.events();
  const startIndex = (() => {
    switch (all.getAllOptionCase()) {
      case AllCase.START:
        return 0;
      case AllCase.END:
        return events.length;
      case AllCase.POSITION: {
        // EventStoreDB reads the first event at or after the position and starts right after it.
        const position = BigInt(all.getPosition()!.getCommitPosition());
        const at = events.findIndex((event) => event.position >= position);
        return at < 0 ? events.length : at + 1;
      }
      default:
        throw invalidArgument('$all subscription without a position option');
    }
  })();
  const filter = options.hasFilter() ? options.getFilter()! : undefined;
  return {
    events: () => log.events(),
    startIndex,
    matches: filter === undefined ? () => true : toEventFilter(filter),
    checkpointEvery: filter === undefined ? undefined : checkpointInterval(filter),
  };
}

function streamSource(log: EventLog, options: streams.ReadReq.Options): Source {
  if (options.hasFilter()) throw invalidArgument('stream subscriptions take no filter');
  const streamOptions = options.getStream()!;
  const streamName = Buffer.from(streamOptions.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
  const events = (): readonly StoredEvent[] => log.stream(streamName) ?? [];
  const startIndex = (() => {
    switch (streamOptions.getRevisionOptionCase()) {
      case RevisionCase.START:
        return 0;
      case RevisionCase.END:
        return events().length;
      case RevisionCase.REVISION:
        return Number(BigInt(streamOptions.getRevision()) + 1n);
      default:
        throw invalidArgument('stream subscription without a revision option');
    }
  })();
  // A stream's catch-up reads through the stream index, which honours $tb (looked up per event: it may move).
  return { events, startIndex, matches: (event) => event.revision >= log.truncatedBefore(streamName), checkpointEvery: undefined };
}

function nextAppendOrClose(log: EventLog, call: ReadCall): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      unsubscribe();
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    const unsubscribe = log.onAppended(done);
    call.once('cancelled', done);
    call.once('close', done);
  });
}
