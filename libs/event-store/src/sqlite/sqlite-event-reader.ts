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
  private readonly streamForwards: Database.Statement<[string, number, number], EventRow>;
  private readonly streamBackwards: Database.Statement<[string, number, number], EventRow>;
  private readonly allForwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly allBackwards: Database.Statement<[bigint, bigint, number], EventRow>;
  private readonly head: Database.Statement<[], { position: number }>;

  constructor(db: Database.Database) {
    this.streamForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    this.streamBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.allForwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position LIMIT ?`,
    );
    this.allBackwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position > ? AND position < ? ORDER BY position DESC LIMIT ?`,
    );
    this.head = db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1');
  }

  readStream(stream: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows =
      options.direction === 'backwards'
        ? this.streamBackwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.streamForwards.all(stream, options.fromRevision ?? 0, limit);
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

  headPosition(): GlobalPosition | undefined {
    const row = this.head.get();
    return row === undefined ? undefined : BigInt(row.position);
  }
}
