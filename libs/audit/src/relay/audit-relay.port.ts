import type { GlobalPosition } from '@keyward/event-store';
import type { AuditRelayMetrics } from './relay-metrics';

/**
 * What the server holds of its embedded relay: start it, stop it, wait until it published up to a
 * position, read its metrics. AuditRelay runs on the caller's event loop; the application's
 * ThreadedAuditRelay runs the same AuditRelay on a worker thread and answers over messages.
 */
export interface AuditRelayPort {
  readonly metrics: AuditRelayMetrics;
  /** Runs in the background: a store or sink that is down is retried, never thrown at the caller. */
  start(): void;
  /** Bounded; whatever was not checkpointed is re-read at the next start. */
  stop(): Promise<void>;
  /** Resolves once every event up to `position` (default: the store's head now) is on the sink or skipped. */
  waitUntilProcessed(position?: GlobalPosition, timeoutMs?: number): Promise<void>;
  /** Measures lag now (it is otherwise measured every report interval) and returns the metrics. */
  measureLag(): Promise<AuditRelayMetrics>;
}
