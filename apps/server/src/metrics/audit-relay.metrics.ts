import { Gauge, type Registry } from 'prom-client';
import type { AuditRelayPort } from '@keyward/audit';

const STATES = ['idle', 'starting', 'running', 'stopped', 'failed'] as const;

/** The relay's lag and throughput as Prometheus gauges, read from its metrics when scraped. */
export function registerAuditRelayMetrics(registry: Registry, relay: AuditRelayPort): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge(
    'keyward_audit_relay_lag_events',
    'Events in the store not yet published to the audit sink (capped at 10000)',
    () => relay.metrics.lagEvents,
  );
  gauge('keyward_audit_relay_lag_seconds', 'Age of the oldest event not yet published to the audit sink', () => relay.metrics.lagMs / 1000);
  gauge('keyward_audit_relay_records_published', 'Audit records published since start', () => relay.metrics.recordsPublished);
  gauge(
    'keyward_audit_relay_records_per_second',
    'Audit records published per second over the last 10 s',
    () => relay.metrics.recordsPerSecond,
  );
  gauge(
    'keyward_audit_relay_publish_failures',
    'Failed publish attempts since start (each is retried)',
    () => relay.metrics.publishFailures,
  );
  gauge(
    'keyward_audit_relay_restarts',
    'Times the relay thread died and was started again from its checkpoint since start',
    () => relay.metrics.restarts,
  );
  new Gauge({
    name: 'keyward_audit_relay_state',
    help: 'The relay state: 1 for the current one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const state of STATES) this.set({ state }, relay.metrics.state === state ? 1 : 0);
    },
  });
}
