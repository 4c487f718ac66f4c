import { Module, type DynamicModule } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { AuditRelayModule } from '../audit/audit-relay.module';
import { METRICS_REGISTRY } from './metrics-registry.provider';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';

/** Prometheus text exposition (process, read models, audit relay): on METRICS_PORT, or on /metrics with METRICS_TOKEN, else not at all. */
@Module({})
export class MetricsModule {
  static forRoot(config: KeywardConfig): DynamicModule {
    return {
      module: MetricsModule,
      imports: [AuditRelayModule],
      controllers: config.metrics.token !== undefined && config.metrics.port === undefined ? [MetricsController] : [],
      providers: [MetricsListener, METRICS_REGISTRY],
      exports: [MetricsListener],
    };
  }
}
