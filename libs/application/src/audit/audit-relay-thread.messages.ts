import type { AuditRelayMetrics, AuditSinkTarget } from '@keyward/audit';
import type { GlobalPosition } from '@keyward/event-store';
import type { AuditRelayConfig } from './configured-audit-relay';

/** workerData of the relay thread: structured-cloned, so Buffers arrive as Uint8Arrays. */
export interface AuditRelayWorkerData {
  readonly config: AuditRelayConfig;
  /** Resolved on the main thread, so a missing Kafka CA file fails the server's start, not the thread's. */
  readonly sinkTarget: AuditSinkTarget;
  /** How often the thread sends its metrics to the main thread (Prometheus reads those). */
  readonly metricsIntervalMs: number;
}

/** Main thread to relay thread. */
export type ToRelayThread =
  | { readonly kind: 'wait'; readonly id: number; readonly target: GlobalPosition; readonly timeoutMs: number }
  | { readonly kind: 'measure-lag'; readonly id: number }
  | { readonly kind: 'stop' };

/** Relay thread to main thread. */
export type FromRelayThread =
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly fields: object; readonly message: string }
  | { readonly kind: 'metrics'; readonly metrics: AuditRelayMetrics }
  | { readonly kind: 'reached'; readonly id: number; readonly metrics: AuditRelayMetrics }
  | { readonly kind: 'lag'; readonly id: number; readonly metrics: AuditRelayMetrics }
  | { readonly kind: 'fatal'; readonly name: string; readonly message: string }
  | { readonly kind: 'stopped'; readonly metrics: AuditRelayMetrics };
