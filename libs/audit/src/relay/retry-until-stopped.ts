import { pause } from '@keyward/event-store';
import { Backoff, type BackoffOptions } from './backoff';
import type { RelayLogger } from './relay-logger';

export const STOPPED = Symbol('stopped');

export interface RetryContext {
  readonly signal: AbortSignal;
  readonly logger: RelayLogger;
  readonly backoff?: BackoffOptions;
  /** Errors that retrying cannot cure; they are rethrown. */
  readonly isFatal?: (error: unknown) => boolean;
}

/**
 * Runs `operation` until it succeeds or `signal` aborts, logging each failure with the wait before
 * the next try. The relay loses nothing by waiting, so it never gives up on a transient fault.
 */
export async function retryUntilStopped<T>(
  what: string,
  operation: () => Promise<T>,
  context: RetryContext,
  onFailure?: () => void,
): Promise<{ value: T } | typeof STOPPED> {
  const backoff = new Backoff(context.backoff);
  for (;;) {
    if (context.signal.aborted) return STOPPED;
    try {
      const value = await operation();
      if (backoff.failures > 0) context.logger.info({ failures: backoff.failures }, `audit relay: ${what} succeeded again`);
      return { value };
    } catch (error) {
      if (context.isFatal?.(error)) throw error;
      if (context.signal.aborted) return STOPPED;
      onFailure?.();
      const retryInMs = backoff.nextDelayMs();
      context.logger.warn(
        { err: (error as Error).message, failures: backoff.failures, retryInMs },
        `audit relay: could not ${what}; retrying`,
      );
      await pause(retryInMs, context.signal);
    }
  }
}
