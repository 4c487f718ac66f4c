import { WrongExpectedRevision } from '../port/event-store.errors';
import type { ExpectedRevision } from '../port/event-store.port';
import type { AppendOutcome } from './sqlite-batch-writer';

/** An append outcome as it crosses the worker boundary (structured clone keeps bigint, not Error classes). */
export type WireOutcome =
  | { readonly ok: true; readonly nextExpectedRevision: number; readonly position: bigint; readonly firstPosition: bigint }
  | {
      readonly ok: false;
      readonly kind: 'wrong_revision';
      readonly stream: string;
      readonly expected: ExpectedRevision;
      readonly actual: number | 'no_stream';
    }
  | { readonly ok: false; readonly kind: 'other'; readonly message: string };

export function toWire(outcome: AppendOutcome): WireOutcome {
  if (outcome.ok)
    return {
      ok: true,
      nextExpectedRevision: outcome.result.nextExpectedRevision,
      position: outcome.result.position,
      firstPosition: outcome.firstPosition,
    };
  const error = outcome.error;
  if (error instanceof WrongExpectedRevision)
    return { ok: false, kind: 'wrong_revision', stream: error.stream, expected: error.expected, actual: error.actual };
  return { ok: false, kind: 'other', message: error.message };
}

export function fromWire(outcome: WireOutcome): AppendOutcome {
  if (outcome.ok)
    return {
      ok: true,
      result: { nextExpectedRevision: outcome.nextExpectedRevision, position: outcome.position },
      firstPosition: outcome.firstPosition,
    };
  if (outcome.kind === 'wrong_revision')
    return { ok: false, error: new WrongExpectedRevision({ stream: outcome.stream, expected: outcome.expected, actual: outcome.actual }) };
  return { ok: false, error: new Error(outcome.message) };
}
