import { Inject, Logger, Module, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AuditRelayPort } from '@keyward/audit';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import {
  createConfiguredAuditRelay,
  createConfiguredThreadedAuditRelay,
  EVENT_STORE,
  KEYWARD_CONFIG,
  nestRelayLogger,
} from '@keyward/application';

export const AUDIT_RELAY = Symbol('AUDIT_RELAY');

/**
 * Runs the audit relay inside the server: on its own worker thread by default (AUDIT_RELAY=embedded),
 * so reading and publishing every event costs the token endpoint's event loop nothing; on the main
 * thread with AUDIT_RELAY=in-process; not at all with AUDIT_RELAY=off (then exactly one `apps/audit-relay`
 * process runs it). A second relay on the same store is fenced off by the checkpoint's revision.
 */
@Module({
  providers: [
    {
      provide: AUDIT_RELAY,
      inject: [KEYWARD_CONFIG, EVENT_STORE],
      useFactory: (config: KeywardConfig, store: EventStore): AuditRelayPort | null => {
        const onFatal = (error: Error) => new Logger('AuditRelay').error(`stopped for good: ${error.message}`);
        const logger = nestRelayLogger();
        switch (config.auditRelay) {
          case 'embedded':
            return createConfiguredThreadedAuditRelay({ config, store, logger, onFatal });
          case 'in-process':
            return createConfiguredAuditRelay({ config, store, logger, onFatal });
          case 'off':
            return null;
        }
      },
    },
  ],
  exports: [AUDIT_RELAY],
})
export class AuditRelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Optional() @Inject(AUDIT_RELAY) private readonly relay: AuditRelayPort | null) {}

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  /** Before the store closes, so the relay can checkpoint what Kafka acknowledged. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
