import { Global, Inject, Logger, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import type { EventStore } from '@keyward/event-store';
import { PrivateKeyCipher, SigningKeyRing } from '@keyward/oauth';
import {
  AuditLogIndexProjection,
  ClientCredentialsProjection,
  OrganizationsProjection,
  ProjectionRunner,
  ReadModelSnapshotStore,
  RevokedAccessTokensProjection,
  ServiceAccountsProjection,
} from '@keyward/projections';
import { EVENT_STORE, KEYWARD_CONFIG, READ_MODEL_CONSISTENCY } from '../core/tokens';
import { SigningKeysProjection } from './signing-keys.projection';

/** The in-memory read models, rebuilt from $all at start and kept current by one subscription. */
@Global()
@Module({
  providers: [
    ClientCredentialsProjection,
    ServiceAccountsProjection,
    OrganizationsProjection,
    AuditLogIndexProjection,
    RevokedAccessTokensProjection,
    { provide: SigningKeyRing, inject: [KEYWARD_CONFIG], useFactory: (config: KeywardConfig) => new SigningKeyRing(new PrivateKeyCipher(config.keyEncryptionKey)) },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, ClientCredentialsProjection, ServiceAccountsProjection, OrganizationsProjection, AuditLogIndexProjection, SigningKeyRing, RevokedAccessTokensProjection],
      useFactory: (
        store: EventStore,
        ...rest: [ClientCredentialsProjection, ServiceAccountsProjection, OrganizationsProjection, AuditLogIndexProjection, SigningKeyRing, RevokedAccessTokensProjection]
      ) => {
        const [credentials, accounts, organizations, auditIndex, ring, revokedTokens] = rest;
        const logger = new Logger('Projections');
        return new ProjectionRunner(
          store,
          [credentials, accounts, organizations, auditIndex, new SigningKeysProjection(ring), revokedTokens],
          { error: (message, error) => logger.error(`${message}: ${(error as Error)?.message}`), info: (message) => logger.log(message) },
          { snapshots: new ReadModelSnapshotStore(store) },
        );
      },
    },
    { provide: READ_MODEL_CONSISTENCY, useExisting: ProjectionRunner },
  ],
  exports: [ClientCredentialsProjection, ServiceAccountsProjection, OrganizationsProjection, AuditLogIndexProjection, RevokedAccessTokensProjection, SigningKeyRing, ProjectionRunner, READ_MODEL_CONSISTENCY],
})
export class ReadModelsModule implements BeforeApplicationShutdown {
  constructor(@Inject(ProjectionRunner) private readonly runner: ProjectionRunner) {}

  /** Before the store closes: stopping stores a last snapshot, so the next start replays next to nothing. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
