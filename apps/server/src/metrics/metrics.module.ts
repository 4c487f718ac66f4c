import { Controller, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AuditRelay } from '@keyward/audit';
import { ProjectionRunner } from '@keyward/projections';
import { AUDIT_RELAY, AuditRelayModule } from '../audit/audit-relay.module';
import { registerAuditRelayMetrics } from './audit-relay.metrics';

/** Prometheus text exposition at GET /metrics: process, read models and audit relay. */
@Controller('metrics')
@ApiExcludeController()
class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Module({
  imports: [AuditRelayModule],
  controllers: [MetricsController],
  providers: [
    {
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
    },
  ],
})
export class MetricsModule {}
