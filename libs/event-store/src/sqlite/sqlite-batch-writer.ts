import type Database from 'better-sqlite3';
import { WrongExpectedRevision } from '../port/event-store.errors';
import type { AppendResult } from '../port/event-store.port';
import { actualRevision, type CurrentRevision, NO_STREAM, satisfies } from './expected-revision';
import type { AppendToWrite } from './append-request-wire';
import { encodeBody, encodeEventId } from './sqlite-event-body';
import { SqliteNames } from './sqlite-names';

interface InternedAppend {
  readonly events: AppendToWrite['events'];
  readonly stream: number;
  readonly types: readonly number[];
}

/** firstPosition: of the append's first event; its events have consecutive rowids (one writer, one transaction). */
export type AppendOutcome =
  { readonly ok: true; readonly result: AppendResult; readonly firstPosition: bigint } | { readonly ok: false; readonly error: Error };

// Duplicate event ids are the caller's fault and must fail only their own append; any other error
// (disk full, I/O, a busy lock, a foreign trigger) means the batch cannot be trusted and fails whole.
const PER_APPEND_ERRORS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

function isPerAppendError(error: unknown): boolean {
  return error instanceof Error && PER_APPEND_ERRORS.has((error as { code?: string }).code ?? '');
}

/**
 * Writes a batch of appends in one IMMEDIATE transaction, checking each append's expected revision
 * on its own: a refused append is skipped and the others still commit. Throws (after rollback) only
 * when the batch as a whole failed.
 */
export class SqliteBatchWriter {
  private readonly lastRevision: Database.Statement<[number], number>;
  private readonly insert: Database.Statement<[Buffer | string, number, number, number, Buffer, number]>;
  private readonly streams: SqliteNames;
  private readonly types: SqliteNames;
  private readonly inTransaction: Database.Transaction<(batch: readonly AppendToWrite[], now: number) => AppendOutcome[]>;
  // Nested better-sqlite3 transactions run as SAVEPOINTs: a failing multi-event append rolls back alone.
  private readonly inSavepoint: Database.Transaction<(append: InternedAppend, from: number, now: number) => number>;

  constructor(db: Database.Database) {
    this.lastRevision = db.prepare<[number], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck();
    this.insert = db.prepare('INSERT INTO events (id, stream, revision, type, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.streams = new SqliteNames(db, 'streams');
    this.types = new SqliteNames(db, 'event_types');
    this.inSavepoint = db.transaction((append, from, now) => this.insertEvents(append, from, now));
    this.inTransaction = db.transaction((batch, now) => this.applyBatch(batch, now));
  }

  /** Returns once the transaction committed (and, with synchronous=FULL, reached the disk). */
  write(batch: readonly AppendToWrite[], now: number): AppendOutcome[] {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads first could not
    // upgrade to a writer if another process committed meanwhile.
    try {
      return this.inTransaction.immediate(batch, now);
    } catch (error) {
      // Names interned by the rolled-back transaction are gone from the file.
      this.streams.forget();
      this.types.forget();
      throw error;
    }
  }

  private applyBatch(batch: readonly AppendToWrite[], now: number): AppendOutcome[] {
    // The lookup would see this transaction's own inserts too; the map only spares it for hot
    // streams that many appends of one batch share (token_issuance shards).
    const revisions = new Map<string, CurrentRevision>();
    return batch.map((append): AppendOutcome => {
      const current = revisions.get(append.stream) ?? this.lastRevisionOf(append.stream);
      if (!satisfies(append.expected, current)) {
        return {
          ok: false,
          error: new WrongExpectedRevision({ stream: append.stream, expected: append.expected, actual: actualRevision(current) }),
        };
      }
      // Interned before a multi-event append's savepoint, so rolling one back cannot un-intern a cached name.
      const interned: InternedAppend = {
        events: append.events,
        stream: this.streams.intern(append.stream),
        types: append.events.map((event) => this.types.intern(event.type)),
      };
      let first: number;
      try {
        // A single INSERT is atomic on its own; only multi-event appends pay for a savepoint.
        first = append.events.length === 1 ? this.insertEvents(interned, current + 1, now) : this.inSavepoint(interned, current + 1, now);
      } catch (error) {
        if (!isPerAppendError(error)) throw error;
        return { ok: false, error: new Error(`stream ${append.stream}: an event id already exists`, { cause: error }) };
      }
      const last = current + append.events.length;
      revisions.set(append.stream, last);
      return {
        ok: true,
        result: { nextExpectedRevision: last, position: BigInt(first + append.events.length - 1) },
        firstPosition: BigInt(first),
      };
    });
  }

  private lastRevisionOf(stream: string): CurrentRevision {
    const id = this.streams.find(stream);
    return id === undefined ? NO_STREAM : (this.lastRevision.get(id) ?? NO_STREAM);
  }

  /** Returns the first event's position. */
  private insertEvents(append: InternedAppend, fromRevision: number, now: number): number {
    let first = 0;
    append.events.forEach((event, offset) => {
      const info = this.insert.run(
        encodeEventId(event.id),
        append.stream,
        fromRevision + offset,
        append.types[offset]!,
        encodeBody(event.data, event.metadata),
        now,
      );
      if (offset === 0) first = Number(info.lastInsertRowid);
    });
    return first;
  }
}
