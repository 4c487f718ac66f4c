import type { Provider } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AuditRelay } from '@keyward/audit';
import { ProjectionRunner } from '@keyward/projections';
import { AUDIT_RELAY } from '../audit/audit-relay.module';
import { registerAuditRelayMetrics } from './audit-relay.metrics';

/** One registry per app (tests boot several in one process): process, read models and audit relay gauges. */
export const METRICS_REGISTRY: Provider = {
  provide: Registry,
  inject: [ProjectionRunner, { token: AUDIT_RELAY, optional: true }],
  useFactory: (projections: ProjectionRunner, relay: AuditRelay | null) => {
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
    if (relay) registerAuditRelayMetrics(registry, relay);
    return registry;
  },
};
