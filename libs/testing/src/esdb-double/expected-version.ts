import type { IdempotencyCache } from './idempotency-cache';
import type { ProposedEvent, StoredEvent } from './stored-event';

export type ExpectedVersion =
  | { readonly kind: 'revision'; readonly revision: bigint }
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' };

export type WriteDecision =
  | { readonly kind: 'write' }
  /** Every event is already in the stream, the last at `lastRevision`: succeed without writing. */
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint }
  | { readonly kind: 'wrong_expected_version' }
  | { readonly kind: 'stream_deleted' };

export interface StreamState {
  readonly events: readonly StoredEvent[];
  readonly tombstoned: boolean;
  readonly softDeleted: boolean;
}

/**
 * IndexWriter.CheckCommit (KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/IndexWriter.cs).
 * Weak checks (`any`, `stream_exists`) look the ids up in the bounded cache of recent commits; strong
 * checks (a revision, `no_stream`) compare the ids with the events already at those revisions, so they
 * recognise a retry however old. A retry that matches only in part is CorruptedIdempotency, which
 * the gRPC layer reports as a wrong expected version.
 */
export function decideWrite(
  streamName: string,
  state: StreamState | undefined,
  expected: ExpectedVersion,
  proposed: readonly ProposedEvent[],
  cache: IdempotencyCache,
): WriteDecision {
  if (state?.tombstoned) return { kind: 'stream_deleted' };
  const events = state?.events ?? [];
  const current = BigInt(events.length - 1);
  if (expected.kind === 'stream_exists' && (events.length === 0 || state?.softDeleted)) return wrong;
  if (expected.kind === 'any' || expected.kind === 'stream_exists') {
    let last: bigint | undefined;
    for (const [i, event] of proposed.entries()) {
      const known = cache.get(event.id);
      if (known !== undefined && known.streamName === streamName) {
        last = known.revision;
        continue;
      }
      return i === 0 ? write : wrong;
    }
    return last === undefined ? write : { kind: 'idempotent', lastRevision: last };
  }
  const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
  if (expectedRevision === current) return write;
  if (expectedRevision > current) return wrong;
  // Writing at or before the end: a retry only if every id is already there, in order.
  if (proposed.length === 0) return expected.kind === 'no_stream' && state?.softDeleted ? write : wrong;
  for (const [i, event] of proposed.entries()) {
    const at = events[Number(expectedRevision) + 1 + i];
    if (at?.id === event.id) continue;
    if (i === 0 && expected.kind === 'no_stream' && state?.softDeleted) return write;
    return wrong;
  }
  return { kind: 'idempotent', lastRevision: expectedRevision + BigInt(proposed.length) };
}

const write: WriteDecision = { kind: 'write' };
const wrong: WriteDecision = { kind: 'wrong_expected_version' };
