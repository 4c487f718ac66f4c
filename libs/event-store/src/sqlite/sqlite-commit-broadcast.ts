import { resolve } from 'node:path';
import type { RecordedEvent } from '../port/event-store.port';
import type { PendingAppend } from './pending-append';
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

export function rowsToWire(rows: readonly CommittedRow[]): CommittedRowsOnWire {
  const wire: (string | number)[] = [];
  for (const row of rows) wire.push(row.id, row.type, row.data, row.metadata, row.streamName, row.revision, Number(row.position));
  return wire;
}

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

/** The events a batch committed, in position order: its events have consecutive rowids (one writer, one transaction). */
export function committedRows(
  batch: readonly Pick<PendingAppend, 'stream' | 'events'>[],
  outcomes: readonly AppendOutcome[],
): CommittedRow[] {
  const rows: CommittedRow[] = [];
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok) return;
    const append = batch[index]!;
    const firstRevision = outcome.result.nextExpectedRevision - append.events.length + 1;
    append.events.forEach((event, offset) => {
      rows.push({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        streamName: append.stream,
        revision: firstRevision + offset,
        position: outcome.firstPosition + BigInt(offset),
      });
    });
  });
  return rows;
}

/** Parsed from the stored JSON, not the appender's objects: a subscriber sees exactly what a read returns. */
export function toRecordedEvent(row: CommittedRow, recordedAt: Date): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    streamName: row.streamName,
    revision: row.revision,
    position: row.position,
    recordedAt,
    jsonLength: row.data.length + row.metadata.length,
  };
}
