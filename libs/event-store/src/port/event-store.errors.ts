import type { ExpectedRevision } from './event-store.port';

/** An append whose expected revision did not match the stream: nothing was appended. Maps to HTTP 409. */
export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  readonly stream: string;
  readonly expected: ExpectedRevision;
  /** The stream's actual last revision, or 'no_stream'. */
  readonly actual: number | 'no_stream';

  constructor(props: { readonly stream: string; readonly expected: ExpectedRevision; readonly actual: number | 'no_stream' }) {
    const { stream, expected, actual } = props;
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    ({ stream: this.stream, expected: this.expected, actual: this.actual } = props);
  }
}

/** The store could not be reached or failed to make an append durable. Maps to HTTP 503 (fail closed). */
export class EventStoreUnavailable extends Error {
  override readonly name = 'EventStoreUnavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store refused the request itself: retrying cannot help. Either a bug of ours (a position the
 * store never gave, an invalid argument) or a misconfiguration (access denied). Maps to HTTP 500 with
 * the cause logged at error level; a subscription that meets it stops instead of retrying.
 */
export class EventStoreRefused extends Error {
  override readonly name = 'EventStoreRefused';
  constructor(
    readonly reason: 'access_denied' | 'invalid_request',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
