import { WrongExpectedRevision } from '../port/event-store.errors';
import type { ExpectedRevision } from '../port/event-store.port';
import type { AppendOutcome } from './sqlite-batch-writer';

type WireRefusal =
  | {
      readonly kind: 'wrong_revision';
      readonly stream: string;
      readonly expected: ExpectedRevision;
      readonly actual: number | 'no_stream';
    }
  | { readonly kind: 'other'; readonly message: string };

/**
 * A batch's outcomes as they cross the worker boundary. Structured clone keeps no Error classes, and a
 * bigint or an object per append costs more to copy than numbers in one buffer: each committed append is
 * three numbers in `committed` (next expected revision, position, first event's position; SQLite rowids
 * stay far below 2^53); a refused one's error is in `refused` instead.
 */
export interface OutcomesOnWire {
  readonly committed: Float64Array;
  readonly refused: readonly (readonly [index: number, refusal: WireRefusal])[];
}

const FIELDS = 3;

export function outcomesToWire(outcomes: readonly AppendOutcome[]): OutcomesOnWire {
  const committed = new Float64Array(outcomes.length * FIELDS);
  const refused: [number, WireRefusal][] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      committed[index * FIELDS] = outcome.result.nextExpectedRevision;
      committed[index * FIELDS + 1] = Number(outcome.result.position);
      committed[index * FIELDS + 2] = Number(outcome.firstPosition);
      return;
    }
    const error = outcome.error;
    refused.push([
      index,
      error instanceof WrongExpectedRevision
        ? { kind: 'wrong_revision', stream: error.stream, expected: error.expected, actual: error.actual }
        : { kind: 'other', message: error.message },
    ]);
  });
  return { committed, refused };
}

export function outcomesFromWire(wire: OutcomesOnWire): AppendOutcome[] {
  const refusals = new Map(wire.refused);
  const outcomes: AppendOutcome[] = [];
  for (let at = 0; at < wire.committed.length; at += FIELDS) {
    const refusal = refusals.get(at / FIELDS);
    outcomes.push(
      refusal
        ? { ok: false, error: fromRefusal(refusal) }
        : {
            ok: true,
            result: { nextExpectedRevision: wire.committed[at]!, position: BigInt(wire.committed[at + 1]!) },
            firstPosition: BigInt(wire.committed[at + 2]!),
          },
    );
  }
  return outcomes;
}

function fromRefusal(refusal: WireRefusal): Error {
  if (refusal.kind === 'wrong_revision') {
    return new WrongExpectedRevision({ stream: refusal.stream, expected: refusal.expected, actual: refusal.actual });
  }
  return new Error(refusal.message);
}
