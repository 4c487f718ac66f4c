import { resolve } from 'node:path';
import type { RecordedEvent } from '../port/event-store.port';
import type { AppendToWrite } from './append-request-wire';
import type { AppendOutcome } from './sqlite-batch-writer';

/** A committed event as it crosses threads: its stored JSON, not parsed. */
export interface CommittedRow {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
}

/**
 * What a writer thread committed, posted on the file's BroadcastChannel: another store on the same file
 * in this process (the embedded audit relay's thread) takes these live instead of reading them back,
 * which would inflate and parse every event a second time.
 */
export interface CommitMessage {
  /** The writer that committed them: a store skips its own, which it has from the append's reply. */
  readonly writer: string;
  readonly recordedAt: number;
  readonly rows: CommittedRowsOnWire;
}

/**
 * The rows as one flat array, seven values an event (id, type, data, metadata, stream, revision, position
 * as a number: SQLite rowids stay far below 2^53). Structured clone writes every key of every object, so
 * objects cost the writer and each listener about twice as much to post and to read.
 */
export type CommittedRowsOnWire = readonly (string | number)[];

const ROW_FIELDS = 7;

export function rowsFromWire(wire: CommittedRowsOnWire): CommittedRow[] {
  const rows: CommittedRow[] = [];
  for (let at = 0; at < wire.length; at += ROW_FIELDS) {
    rows.push({
      id: wire[at] as string,
      type: wire[at + 1] as string,
      data: wire[at + 2] as string,
      metadata: wire[at + 3] as string,
      streamName: wire[at + 4] as string,
      revision: wire[at + 5] as number,
      position: BigInt(wire[at + 6] as number),
    });
  }
  return rows;
}

/** One channel per database file, whatever relative path a store opened it by. */
export const commitChannelName = (path: string): string => `keyward:sqlite-commits:${resolve(path)}`;

/**
 * The rows a batch committed, in position order (its events have consecutive rowids: one writer, one
 * transaction), written straight to the wire form.
 */
export function committedRowsToWire(appends: readonly AppendToWrite[], outcomes: readonly AppendOutcome[]): CommittedRowsOnWire {
  const wire: (string | number)[] = [];
  for (let index = 0; index < outcomes.length; index++) {
    const outcome = outcomes[index]!;
    if (!outcome.ok) continue;
    const { stream, events } = appends[index]!;
    const firstRevision = outcome.result.nextExpectedRevision - events.length + 1;
    const firstPosition = Number(outcome.firstPosition);
    for (let offset = 0; offset < events.length; offset++) {
      const event = events[offset]!;
      wire.push(event.id, event.type, event.data, event.metadata, stream, firstRevision + offset, firstPosition + offset);
    }
  }
  return wire;
}

/** Another store's commit as a read would return it; data and metadata parsed on first read (a consumer of storedJson never parses). */
export function toRecordedEvent(row: CommittedRow, recordedAt: Date): RecordedEvent {
  return new LiveCommittedEvent(row, recordedAt);
}

const UNPARSED = Symbol('unparsed');

// Only the embedded relay thread's store gets these (liveCommitsFromThisProcess); it makes each record from the
// stored text where it can, so most are never parsed. The text is the writer's own JSON.stringify output, so the
// first read parses what a read of the row would.
class LiveCommittedEvent implements RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly jsonLength: number;
  readonly storedJson: { readonly data: string; readonly metadata: string };
  private parsedData: unknown = UNPARSED;
  private parsedMetadata: RecordedEvent['metadata'] | typeof UNPARSED = UNPARSED;

  constructor(row: CommittedRow, recordedAt: Date) {
    this.id = row.id;
    this.type = row.type;
    this.streamName = row.streamName;
    this.revision = row.revision;
    this.position = row.position;
    this.recordedAt = recordedAt;
    this.jsonLength = row.data.length + row.metadata.length;
    this.storedJson = { data: row.data, metadata: row.metadata };
  }

  get data(): unknown {
    if (this.parsedData === UNPARSED) this.parsedData = JSON.parse(this.storedJson.data) as unknown;
    return this.parsedData;
  }

  get metadata(): RecordedEvent['metadata'] {
    if (this.parsedMetadata === UNPARSED) this.parsedMetadata = JSON.parse(this.storedJson.metadata) as RecordedEvent['metadata'];
    return this.parsedMetadata;
  }
}
