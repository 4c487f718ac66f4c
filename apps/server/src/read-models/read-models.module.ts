import { Global, Inject, Logger, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@keyward/event-store';
import { SigningKeyRing } from '@keyward/oauth';
import {
  AuditLogIndexProjection,
  ClientCredentialsProjection,
  CredentialUsageProjection,
  OrganizationsProjection,
  SuspiciousActivityDetector,
  ProjectionRunner,
  ReadModelSnapshotStore,
  RevokedAccessTokensProjection,
  ServiceAccountsProjection,
} from '@keyward/projections';
import { CLOCK, EVENT_STORE, READ_MODEL_CONSISTENCY, SigningKeysProjection, type Clock } from '@keyward/application';

/** The in-memory read models, rebuilt from $all at start and kept current by one subscription. */
@Global()
@Module({
  providers: [
    ClientCredentialsProjection,
    ServiceAccountsProjection,
    OrganizationsProjection,
    AuditLogIndexProjection,
    RevokedAccessTokensProjection,
    CredentialUsageProjection,
    {
      provide: SuspiciousActivityDetector,
      inject: [ClientCredentialsProjection, CLOCK],
      useFactory: (credentials: ClientCredentialsProjection, clock: Clock) =>
        new SuspiciousActivityDetector((organizationId) => credentials.policyOf(organizationId), clock),
    },
    {
      provide: ProjectionRunner,
      inject: [
        EVENT_STORE,
        ClientCredentialsProjection,
        ServiceAccountsProjection,
        OrganizationsProjection,
        AuditLogIndexProjection,
        SigningKeyRing,
        RevokedAccessTokensProjection,
        CredentialUsageProjection,
        SuspiciousActivityDetector,
      ],
      useFactory: (
        store: EventStore,
        ...rest: [
          ClientCredentialsProjection,
          ServiceAccountsProjection,
          OrganizationsProjection,
          AuditLogIndexProjection,
          SigningKeyRing,
          RevokedAccessTokensProjection,
          CredentialUsageProjection,
          SuspiciousActivityDetector,
        ]
      ) => {
        const [credentials, accounts, organizations, auditIndex, ring, revokedTokens, usage, suspicious] = rest;
        const logger = new Logger('Projections');
        return new ProjectionRunner({
          store,
          projections: [
            credentials,
            accounts,
            organizations,
            auditIndex,
            new SigningKeysProjection(ring),
            revokedTokens,
            usage,
            suspicious,
          ],
          logger: {
            error: (message, error) => logger.error(`${message}: ${(error as Error)?.message}`),
            info: (message) => logger.log(message),
          },
          snapshots: new ReadModelSnapshotStore(store),
        });
      },
    },
    { provide: READ_MODEL_CONSISTENCY, useExisting: ProjectionRunner },
  ],
  exports: [
    ClientCredentialsProjection,
    CredentialUsageProjection,
    SuspiciousActivityDetector,
    ServiceAccountsProjection,
    OrganizationsProjection,
    AuditLogIndexProjection,
    RevokedAccessTokensProjection,
    ProjectionRunner,
    READ_MODEL_CONSISTENCY,
  ],
})
export class ReadModelsModule implements BeforeApplicationShutdown {
  constructor(@Inject(ProjectionRunner) private readonly runner: ProjectionRunner) {}

  /** Before the store closes: stopping stores a last snapshot, so the next start replays next to nothing. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
