import { randomUUID } from 'node:crypto';
import { checkpointInterval, toEventFilter, type EventFilter } from './event-filter';
import { streams } from './generated';
import { LiveBuffer } from './live-buffer';
import type { NodeContext } from './node-context';
import { locateOnNode, readableEvent, streamNameOf, visibleEnd } from './reads';
import { send, type ReadCall } from './response-writer';
import { invalidArgument, invalidPosition, streamDeleted } from './rpc-errors';
import type { StoredEvent } from './stored-event';
import { caughtUpResp, checkpointResp, confirmationResp, eventResp, fellBehindResp } from './to-read-resp';

const RevisionCase = streams.ReadReq.Options.StreamOptions.RevisionOptionCase;
const AllCase = streams.ReadReq.Options.AllOptions.AllOptionCase;

interface Source {
  /** Whether this subscription delivers the event (stream, filter, $tb). */
  readonly matches: EventFilter;
  /** Where catch-up starts: the index of the first record to consider, or an error to fail with after confirmation. */
  readonly start: { readonly index: number; readonly after?: bigint } | { readonly error: Error };
  /** Considered events between checkpoints, for filtered $all subscriptions only. */
  readonly checkpointEvery: number | undefined;
}

/**
 * A catch-up subscription as KurrentDB's Enumerator.AllSubscription / StreamSubscription run it: live
 * events are buffered from the start; confirmation; catch-up reads from the checkpoint; `caught_up`;
 * then live from the bounded buffer. A gap in the buffer's sequence (the reader was too slow and the
 * oldest events were dropped) sends `fell_behind` and goes back to catch-up, then `caught_up` again.
 * The start position is exclusive; a position at or past the end goes live at once, skipping events
 * up to it; one inside a record fails the catch-up with INVALID_ARGUMENT.
 */
export async function subscribe(node: NodeContext, call: ReadCall, options: streams.ReadReq.Options): Promise<void> {
  const source = options.hasAll() ? allSource(node, options) : streamSource(node, options);
  const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
  const records = node.log.records();
  const live = new LiveBuffer(node.liveBufferSize);
  let pushed = visibleEnd(node);
  const unsubscribe = node.onAdvanced(() => {
    const end = visibleEnd(node);
    for (; pushed < end; pushed++) if (readableEvent(records[pushed]!) !== undefined) live.push(records[pushed]!);
  });
  const closed = new Promise<void>((resolve) => {
    call.once('cancelled', resolve);
    call.once('close', resolve);
  });
  try {
    if (!(await send(call, confirmationResp(randomUUID())))) return;
    if ('error' in source.start) throw source.start.error;
    let checkpoint = source.start.after ?? -1n;
    let cursor = source.start.index;
    let considered = 0;
    let expectedSequence = 1;
    const deliver = async (event: StoredEvent): Promise<boolean> => {
      checkpoint = event.position;
      considered += 1;
      if (source.matches(event) && !(await send(call, eventResp(event, structuredIds)))) return false;
      if (source.checkpointEvery !== undefined && considered >= source.checkpointEvery) {
        considered = 0;
        if (!(await send(call, checkpointResp(event.position)))) return false;
      }
      return true;
    };
    for (;;) {
      // Catch-up: read the log from the checkpoint to this node's end.
      for (; cursor < visibleEnd(node); cursor++) {
        const event = readableEvent(records[cursor]!);
        if (event === undefined || event.position <= checkpoint) continue;
        if (!(await deliver(event))) return;
      }
      if (!(await send(call, caughtUpResp()))) return;
      // Live, until the buffer shows a gap.
      for (;;) {
        const entry = await live.take(closed);
        if (entry === undefined) return;
        const gap = entry.sequence !== expectedSequence;
        expectedSequence = entry.sequence + 1;
        const event = entry.record.event!;
        if (event.position <= checkpoint) continue;
        if (gap) break;
        if (!(await deliver(event))) return;
      }
      if (!(await send(call, fellBehindResp()))) return;
      cursor = locateOnNode(node, checkpoint).index;
    }
  } finally {
    unsubscribe();
  }
}

function allSource(node: NodeContext, options: streams.ReadReq.Options): Source {
  node.assertAccess('read', '$all');
  const all = options.getAll()!;
  const filter = options.hasFilter() ? options.getFilter()! : undefined;
  const base = {
    matches: filter === undefined ? () => true : toEventFilter(filter),
    checkpointEvery: filter === undefined ? undefined : checkpointInterval(filter),
  };
  switch (all.getAllOptionCase()) {
    case AllCase.START:
      return { ...base, start: { index: 0 } };
    case AllCase.END:
      return { ...base, start: { index: visibleEnd(node), after: node.horizon() - 1n } };
    case AllCase.POSITION: {
      const position = BigInt(all.getPosition()!.getCommitPosition());
      const at = locateOnNode(node, position);
      if (!at.boundary) return { ...base, start: { error: invalidPosition() } };
      return { ...base, start: { index: at.index, after: position } };
    }
    default:
      throw invalidArgument('$all subscription without a position option');
  }
}

function streamSource(node: NodeContext, options: streams.ReadReq.Options): Source {
  if (options.hasFilter()) throw invalidArgument('stream subscriptions take no filter');
  const streamOptions = options.getStream()!;
  const streamName = streamNameOf(streamOptions.getStreamIdentifier());
  node.assertAccess('read', streamName);
  if (node.log.stream(streamName)?.tombstoned) throw streamDeleted(streamName);
  // A stream's catch-up reads through the stream index, which honours $tb (looked up per event: it may move).
  let startAfter = -1n;
  const matches = (event: StoredEvent): boolean =>
    event.streamName === streamName &&
    event.revision > startAfter &&
    event.revision >= (node.log.metadata(streamName).truncateBefore ?? 0n);
  const base = { matches, checkpointEvery: undefined };
  switch (streamOptions.getRevisionOptionCase()) {
    case RevisionCase.START:
      return { ...base, start: { index: 0 } };
    case RevisionCase.END:
      startAfter = BigInt((node.log.stream(streamName)?.events.length ?? 0) - 1);
      return { ...base, start: { index: visibleEnd(node), after: node.horizon() - 1n } };
    case RevisionCase.REVISION:
      startAfter = BigInt(streamOptions.getRevision());
      return { ...base, start: { index: 0 } };
    default:
      throw invalidArgument('stream subscription without a revision option');
  }
}
