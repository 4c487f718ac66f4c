import {
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  RequiredMetadataPropertyMissingError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailable, WrongExpectedRevision } from '../port/event-store.errors';
import type { ExpectedRevision } from '../port/event-store.port';

/** Refusals of the request itself: retrying cannot help and a 503 would blame the store. */
export function isCallerError(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof InvalidArgumentError ||
    error instanceof MaxAppendSizeExceededError ||
    error instanceof RequiredMetadataPropertyMissingError ||
    error instanceof StreamDeletedError
  );
}

/**
 * Mapped once, here. Everything that is neither a revision conflict nor the caller's fault becomes
 * EventStoreUnavailable, so callers fail closed: an append that did not clearly succeed is not acknowledged.
 */
export function toPortError(error: unknown, context: { stream?: string; expected?: ExpectedRevision } = {}): Error {
  if (error instanceof WrongExpectedRevision || error instanceof EventStoreUnavailable) return error;
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return new WrongExpectedRevision(
      context.stream ?? error.streamName,
      context.expected ?? 'any',
      typeof actual === 'bigint' ? Number(actual) : 'no_stream',
    );
  }
  if (isCallerError(error)) return error as Error;
  const message = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailable(`EventStoreDB: ${message}`, { cause: error });
}
