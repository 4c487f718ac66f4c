import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  RequiredMetadataPropertyMissingError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { status } from '@grpc/grpc-js';
import { EventStoreRefused, EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import type { ExpectedRevision } from '../port/event-store.port';

/** Refusals of the request itself (our bug): retrying cannot help and a 503 would hide it. */
export function isCallerError(error: unknown): boolean {
  if (
    error instanceof TypeError ||
    error instanceof InvalidArgumentError ||
    error instanceof MaxAppendSizeExceededError ||
    error instanceof RequiredMetadataPropertyMissingError ||
    error instanceof StreamDeletedError
  ) {
    return true;
  }
  // INVALID_ARGUMENT from the server (a subscription from inside a record: "Trying to read from an invalid
  // position."), or a one-off read's UNKNOWN "Unexpected ReadAllResult: InvalidPosition" (Streams.Read.cs).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === status.INVALID_ARGUMENT || (typeof message === 'string' && /InvalidPosition|invalid position|BadRequest/.test(message));
}

/**
 * The server could not do the work now: stopped, partitioned, electing, not ready, busy, or a deadline
 * passed. Retrying (elsewhere, later) may help; an append that met it may or may not have been written.
 */
export function isOutage(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    error instanceof EventStoreUnavailable
  ) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  // Not-ready, too-busy and no-leader-info have no class in the 6.2.1 client (an UnknownError, or a
  // BatchAppend status it "could not recognize"); discovery failures are plain Errors.
  if (/Server Is Not Ready|Server Is (Too )?Busy|No leader info|Failed to discover|write after end/.test(message)) return true;
  return error instanceof UnknownError && !isCallerError(error);
}

/**
 * Mapped once, here: a revision conflict is WrongExpectedRevision (409); an outage EventStoreUnavailable
 * (503, Retry-After: callers fail closed, an append that did not clearly succeed is not acknowledged);
 * access denied and our own bad requests EventStoreRefused (500, logged at error level).
 */
export function toPortError(error: unknown, context: { stream?: string; expected?: ExpectedRevision } = {}): Error {
  if (error instanceof WrongExpectedRevision || error instanceof EventStoreUnavailable || error instanceof EventStoreRefused) return error;
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return new WrongExpectedRevision({
      stream: context.stream ?? error.streamName,
      expected: context.expected ?? 'any',
      actual: typeof actual === 'bigint' ? Number(actual) : 'no_stream',
    });
  }
  if (error instanceof TypeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AccessDeniedError)
    return new EventStoreRefused(
      'access_denied',
      `EventStoreDB denied access${context.stream ? ` to ${context.stream}` : ''}: ${message}`,
      { cause: error },
    );
  if (isCallerError(error))
    return new EventStoreRefused('invalid_request', `EventStoreDB refused the request: ${message}`, { cause: error });
  return new EventStoreUnavailable(`EventStoreDB: ${message}`, { cause: error });
}
