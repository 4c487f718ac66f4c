import type Database from 'better-sqlite3';
import type { GlobalPosition, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port/event-store.port';

interface EventRow {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';
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

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    streamName: row.stream,
    revision: row.revision,
    position: BigInt(row.position),
    recordedAt: new Date(row.recorded_at),
  };
}

/** Synchronous reads on the store's connection; the prepared statements are reused for every call. */
export class SqliteEventReader {
  private readonly streamForwards: Database.Statement<StreamParameters, EventRow>;
  private readonly streamBackwards: Database.Statement<StreamParameters, EventRow>;
  private readonly allForwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly allBackwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly head: Database.Statement<[], { position: number }>;
  private readonly at: Database.Statement<[bigint], EventRow>;

  constructor(db: Database.Database) {
    this.streamForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = @stream AND revision >= @from AND revision >= ${TRUNCATED_BEFORE}
       ORDER BY revision LIMIT @limit`,
    );
    this.streamBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = @stream AND revision <= @from AND revision >= ${TRUNCATED_BEFORE}
       ORDER BY revision DESC LIMIT @limit`,
    );
    this.allForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position LIMIT ?`,
    );
    this.allBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position DESC LIMIT ?`,
    );
    this.at = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position = ?`);
    this.head = db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1');
  }

  readStream(stream: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows =
      options.direction === 'backwards'
        ? this.streamBackwards.all({ stream, from: options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit })
        : this.streamForwards.all({ stream, from: options.fromRevision ?? 0, limit });
    return rows.map(toRecordedEvent);
  }

  /** `after` and `before` bound the range in either direction; both are exclusive. */
  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const after = options.after ?? 0n;
    const before = options.before ?? MAX_INTEGER;
    const limit = options.maxCount ?? NO_LIMIT;
    const statement = options.direction === 'backwards' ? this.allBackwards : this.allForwards;
    return statement.all(after, before, limit).map(toRecordedEvent);
  }

  readAt(position: GlobalPosition): RecordedEvent | undefined {
    const row = this.at.get(position);
    return row === undefined ? undefined : toRecordedEvent(row);
  }

  headPosition(): GlobalPosition | undefined {
    const row = this.head.get();
    return row === undefined ? undefined : BigInt(row.position);
  }
}
