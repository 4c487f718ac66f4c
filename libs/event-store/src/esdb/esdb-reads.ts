import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type Position, type ResolvedEvent } from '@eventstore/db-client';
import type { GlobalPosition, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port/event-store.port';
import type { CallScope, EsdbConnection } from './esdb-connection';
import { isSystemEvent, toEsdbPosition, toRecordedEvent } from './esdb-event-mapping';

const MAX_PAGE = 500;
// Exact-position reads go out in waves: one round trip each, a bounded number in flight.
const READ_AT_CONCURRENCY = 32;
// Reads feed decisions (command handlers) and read models: a follower's copy may lag, so only the leader answers.
const LEADER = { requiresLeader: true } as const;

export async function readStream(connection: EsdbConnection, stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
  try {
    const read = await connection.read((client, scope) =>
      collect(
        client.readStream(stream, {
          ...LEADER,
          fromRevision,
          direction: backwards ? BACKWARDS : FORWARDS,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        }),
        scope,
      ),
    );
    return read.flatMap(({ event }) => (event === undefined ? [] : [toRecordedEvent(event)]));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/**
 * $all without EventStoreDB's system events. The client cannot filter a read server-side, so this pages
 * through $all and filters here, one call (and one deadline) per page. Each page starts at the previous
 * page's last position, which is a record boundary the server gave, and forward reads include that
 * position, so events at or before the cursor are dropped.
 */
export async function readAll(connection: EsdbConnection, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  let cursor: GlobalPosition | undefined = backwards ? options.before : options.after;
  const beyondCursor = (position: GlobalPosition): boolean => cursor === undefined || (backwards ? position < cursor : position > cursor);
  const result: RecordedEvent[] = [];
  for (;;) {
    const pageSize = Math.min(MAX_PAGE, maxCount + 1);
    const fromPosition: Position | typeof START | typeof END = cursor === undefined ? (backwards ? END : START) : toEsdbPosition(cursor);
    const page = await connection.read((client, scope) =>
      collect(client.readAll({ ...LEADER, fromPosition, direction: backwards ? BACKWARDS : FORWARDS, maxCount: pageSize }), scope),
    );
    for (const { event } of page) {
      if (event === undefined) continue;
      const recorded = toRecordedEvent(event);
      if (!beyondCursor(recorded.position)) continue;
      cursor = recorded.position;
      if (isSystemEvent(event)) continue;
      result.push(recorded);
      if (result.length >= maxCount) return result;
    }
    if (page.length < pageSize) return result;
  }
}

/**
 * A forward $all read includes its start position, so a one-event read from a position the server gave
 * is that event; after a scavenge the server moves on to the next record, which is then not an answer.
 * A position inside a record is refused by the server (Enumerator.ReadAllForwards: InvalidPosition).
 */
export async function readAt(connection: EsdbConnection, positions: readonly GlobalPosition[]): Promise<(RecordedEvent | undefined)[]> {
  const found: (RecordedEvent | undefined)[] = [];
  for (let i = 0; i < positions.length; i += READ_AT_CONCURRENCY) {
    const wave = positions.slice(i, i + READ_AT_CONCURRENCY).map(async (position) => {
      const [resolved] = await connection.read((client, scope) =>
        collect(client.readAll({ ...LEADER, fromPosition: toEsdbPosition(position), direction: FORWARDS, maxCount: 1 }), scope),
      );
      const event = resolved?.event;
      if (event === undefined || isSystemEvent(event) || event.position?.commit !== position) return undefined;
      return toRecordedEvent(event);
    });
    found.push(...(await Promise.all(wave)));
  }
  return found;
}

/** The newest event that readAll would return (system events never count). */
export async function headPosition(connection: EsdbConnection): Promise<GlobalPosition | undefined> {
  const [newest] = await readAll(connection, { direction: 'backwards', maxCount: 1 });
  return newest?.position;
}

/** The position of one event, for appends the server acknowledged without one. */
export async function positionOfRevision(connection: EsdbConnection, stream: string, revision: bigint): Promise<GlobalPosition> {
  const [event] = await readStream(connection, stream, { fromRevision: Number(revision), maxCount: 1 });
  if (event === undefined) throw new Error(`stream ${stream} has no event at revision ${revision}`);
  return event.position;
}

/** Reads to the end; the call's deadline cancels the gRPC stream, which the client never bounds itself. */
async function collect(stream: AsyncIterable<ResolvedEvent> & { cancel(): Promise<void> }, scope: CallScope): Promise<ResolvedEvent[]> {
  scope.onCancel(() => void stream.cancel().catch(() => undefined));
  const events: ResolvedEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}
