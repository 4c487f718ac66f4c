import type { Provider } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AuditRelayPort } from '@keyward/audit';
import { ProjectionRunner } from '@keyward/projections';
import { AUDIT_RELAY } from '../audit/audit-relay.module';
import { registerAuditRelayMetrics } from './audit-relay.metrics';
import { StoreSubscriptionFailures } from '@keyward/application';

/** One registry per app (tests boot several in one process): process, read models and audit relay gauges. */
export const METRICS_REGISTRY: Provider = {
  provide: Registry,
  inject: [ProjectionRunner, StoreSubscriptionFailures, { token: AUDIT_RELAY, optional: true }],
  useFactory: (projections: ProjectionRunner, failures: StoreSubscriptionFailures, relay: AuditRelayPort | null) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    new Gauge({
      name: 'keyward_projection_position',
      help: 'Global position of the last event applied to the read models',
      registers: [registry],
      collect() {
        this.set(Number(projections.appliedPosition ?? 0n));
      },
    });
    new Counter({
      name: 'keyward_event_store_subscription_failures_total',
      help: 'Store subscriptions dropped since start: transient (retried) or fatal (refused, not retried)',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ kind: 'transient' }, failures.transient);
        this.inc({ kind: 'fatal' }, failures.fatal);
      },
    });
    if (relay) registerAuditRelayMetrics(registry, relay);
    return registry;
  },
};
