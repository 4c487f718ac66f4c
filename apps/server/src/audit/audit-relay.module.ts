import { Inject, Logger, Module, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AuditRelay } from '@keyward/audit';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { createConfiguredAuditRelay, EVENT_STORE, KEYWARD_CONFIG, nestRelayLogger } from '@keyward/application';

export const AUDIT_RELAY = Symbol('AUDIT_RELAY');

/**
 * Runs the audit relay inside the server unless AUDIT_RELAY=off (then exactly one `apps/audit-relay`
 * process runs it). A second relay on the same store is fenced off by the checkpoint's revision.
 */
@Module({
  providers: [
    {
      provide: AUDIT_RELAY,
      inject: [KEYWARD_CONFIG, EVENT_STORE],
      useFactory: (config: KeywardConfig, store: EventStore): AuditRelay | null =>
        config.auditRelay === 'embedded'
          ? createConfiguredAuditRelay(config, store, nestRelayLogger(), (error) =>
              new Logger('AuditRelay').error(`stopped for good: ${error.message}`),
            )
          : null,
    },
  ],
  exports: [AUDIT_RELAY],
})
export class AuditRelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Optional() @Inject(AUDIT_RELAY) private readonly relay: AuditRelay | null) {}

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  /** Before the store closes, so the relay can checkpoint what Kafka acknowledged. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
