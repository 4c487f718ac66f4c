import { Module, type DynamicModule } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { AdminHttpModule } from './admin/admin-http.module';
import { AuditRelayModule } from './audit/audit-relay.module';
import { type Clock, CoreModule, SigningKeysModule } from '@keyward/application';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { OAuthModule } from './oauth/oauth.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { StartupService } from './startup.service';
import { TokenHistoryRetentionJob } from './token-history/token-history-retention.job';

@Module({})
export class AppModule {
  static forRoot(config: KeywardConfig, options: { clock?: Clock; store?: EventStore } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, options),
        SigningKeysModule,
        ReadModelsModule,
        OAuthModule,
        AdminHttpModule,
        AuditRelayModule,
        HealthModule,
        MetricsModule.forRoot(config),
        ConsoleModule,
      ],
      providers: [StartupService, TokenHistoryRetentionJob],
    };
  }
}
