import type { ProposedEvent, StoredEvent } from './stored-event';

export type ExpectedVersion =
  | { readonly kind: 'revision'; readonly revision: bigint }
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' };

export type WriteDecision =
  | { readonly kind: 'write' }
  /** The same events (by id) are already in the stream from `fromIndex`: succeed without writing. */
  | { readonly kind: 'idempotent'; readonly fromIndex: number }
  | { readonly kind: 'wrong_expected_version' };

/**
 * EventStoreDB's commit check (IndexWriter.CheckCommit): an exact expected version must equal the last
 * event number, except that a retry of a write that already happened (same event ids at the same
 * place) is acknowledged again instead of duplicated; a partial match is a wrong expected version.
 * Unlike the server, which remembers recent event ids in a bounded cache, the double never forgets.
 */
export function decideWrite(
  stream: readonly StoredEvent[],
  expected: ExpectedVersion,
  proposed: readonly ProposedEvent[],
): WriteDecision {
  const current = BigInt(stream.length - 1);
  switch (expected.kind) {
    case 'revision':
      if (current === expected.revision) return { kind: 'write' };
      return current > expected.revision ? matchAt(stream, Number(expected.revision) + 1, proposed) : wrong;
    case 'no_stream':
      return stream.length === 0 ? { kind: 'write' } : matchAt(stream, 0, proposed);
    case 'stream_exists':
      return stream.length === 0 ? wrong : matchAnywhere(stream, proposed);
    case 'any':
      return matchAnywhere(stream, proposed);
    default: {
      const _: never = expected;
      return _;
    }
  }
}

const wrong: WriteDecision = { kind: 'wrong_expected_version' };

function matchAt(stream: readonly StoredEvent[], fromIndex: number, proposed: readonly ProposedEvent[]): WriteDecision {
  if (proposed.length === 0 || fromIndex + proposed.length > stream.length) return wrong;
  const all = proposed.every((event, i) => stream[fromIndex + i]!.id === event.id);
  return all ? { kind: 'idempotent', fromIndex } : wrong;
}

function matchAnywhere(stream: readonly StoredEvent[], proposed: readonly ProposedEvent[]): WriteDecision {
  const first = proposed[0];
  const fromIndex = first === undefined ? -1 : stream.findIndex((event) => event.id === first.id);
  if (fromIndex < 0) return { kind: 'write' };
  // A retry that only partly matches is what EventStoreDB calls corrupted idempotency.
  return matchAt(stream, fromIndex, proposed);
}
