import type Database from 'better-sqlite3';
import type { GlobalPosition, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port/event-store.port';
import { decodeBody, decodeEventId } from './sqlite-event-body';
import { SqliteNames } from './sqlite-names';

interface EventRow {
  readonly position: number;
  readonly id: Buffer | string;
  readonly stream: number;
  readonly revision: number;
  readonly type: number;
  readonly body: Buffer;
  readonly recorded_at: number;
}

const COLUMNS = 'position, id, stream, revision, type, body, recorded_at';
const STREAM_ID = '(SELECT id FROM streams WHERE name = @stream)';
// SQLite reads LIMIT -1 as "no limit".
const NO_LIMIT = -1;
// Upper bound for "no upper bound": the largest value SQLite's INTEGER holds.
const MAX_INTEGER = 9223372036854775807n;

interface StreamParameters {
  readonly stream: string;
  readonly from: number;
  readonly limit: number;
}

// The truncated rows are gone, but a stream's last event is kept even when the truncation passed it.
// readAll does not look: the port lets it deliver truncated events, and it stays a plain range scan.
const TRUNCATED_BEFORE = 'coalesce((SELECT before FROM stream_truncations WHERE stream = @stream), 0)';

/** Synchronous reads on the store's connection; the prepared statements are reused for every call. */
export class SqliteEventReader {
  private readonly streamForwards: Database.Statement<StreamParameters, EventRow>;
  private readonly streamBackwards: Database.Statement<StreamParameters, EventRow>;
  private readonly allForwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly allBackwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly head: Database.Statement<[], { position: number }>;
  private readonly at: Database.Statement<[bigint], EventRow>;

  private readonly streams: SqliteNames;
  private readonly types: SqliteNames;

  constructor(db: Database.Database) {
    this.streams = new SqliteNames(db, 'streams');
    this.types = new SqliteNames(db, 'event_types');
    this.streamForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ${STREAM_ID} AND revision >= @from AND revision >= ${TRUNCATED_BEFORE}
       ORDER BY revision LIMIT @limit`,
    );
    this.streamBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ${STREAM_ID} AND revision <= @from AND revision >= ${TRUNCATED_BEFORE}
       ORDER BY revision DESC LIMIT @limit`,
    );
    this.allForwards = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position LIMIT ?`);
    this.allBackwards = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position DESC LIMIT ?`);
    this.at = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position = ?`);
    this.head = db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1');
  }

  readStream(stream: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows =
      options.direction === 'backwards'
        ? this.streamBackwards.all({ stream, from: options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit })
        : this.streamForwards.all({ stream, from: options.fromRevision ?? 0, limit });
    return rows.map(this.toRecordedEvent);
  }

  /** `after` and `before` bound the range in either direction; both are exclusive. */
  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const after = options.after ?? 0n;
    const before = options.before ?? MAX_INTEGER;
    const limit = options.maxCount ?? NO_LIMIT;
    const statement = options.direction === 'backwards' ? this.allBackwards : this.allForwards;
    return statement.all(after, before, limit).map(this.toRecordedEvent);
  }

  readAt(position: GlobalPosition): RecordedEvent | undefined {
    const row = this.at.get(position);
    return row === undefined ? undefined : this.toRecordedEvent(row);
  }

  headPosition(): GlobalPosition | undefined {
    const row = this.head.get();
    return row === undefined ? undefined : BigInt(row.position);
  }

  private readonly toRecordedEvent = (row: EventRow): RecordedEvent => {
    const { data, metadata } = decodeBody(row.body);
    return {
      id: decodeEventId(row.id),
      type: this.types.nameOf(row.type),
      data: JSON.parse(data) as unknown,
      metadata: JSON.parse(metadata) as RecordedEvent['metadata'],
      streamName: this.streams.nameOf(row.stream),
      revision: row.revision,
      position: BigInt(row.position),
      recordedAt: new Date(row.recorded_at),
      jsonLength: data.length + metadata.length,
    };
  };
}
