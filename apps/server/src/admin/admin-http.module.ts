import { Module } from '@nestjs/common';
import { AccessTokenVerifier } from './admin-auth/access-token-verifier';
import { AdminTokenGuard } from './admin-auth/admin-token.guard';
import { AdminCommandsModule } from '@keyward/application';
import { CredentialExpirySweeper } from './credentials/expire-credentials/credential-expiry.sweeper';
import { SuspiciousActivityRecorder } from './credentials/record-suspicious-activity/suspicious-activity.recorder';
import { CredentialReminderSweeper } from './credentials/remind-credentials/credential-reminder.sweeper';
import { AbandonedSlotSweeper } from './service-accounts/release-abandoned-slots/abandoned-slot.sweeper';
import { AddClientPublicKeyController } from './credentials/add-client-public-key/add-client-public-key.controller';
import { RemoveClientPublicKeyController } from './credentials/remove-client-public-key/remove-client-public-key.controller';
import { OrganizationPolicyController } from './organizations/organization-policy/organization-policy.controller';
import { RotateSigningKeyController } from './signing-keys/rotate-signing-key/rotate-signing-key.controller';
import { ListAuditEventsController } from './audit-events/list-audit-events/list-audit-events.controller';
import { ChangeCredentialController } from './credentials/change-credential/change-credential.controller';
import { CreateCredentialController } from './credentials/create-credential/create-credential.controller';
import { RevokeCredentialController } from './credentials/revoke-credential/revoke-credential.controller';
import { RotateClientSecretController } from './credentials/rotate-client-secret/rotate-client-secret.controller';
import { CredentialHygieneController } from './reports/credential-hygiene/credential-hygiene.controller';
import { NarrowCredentialController } from './reports/narrow-credential/narrow-credential.controller';
import { LockdownController } from './organizations/lockdown/lockdown.controller';
import { GetOrganizationController } from './organizations/get-organization/get-organization.controller';
import { DefineScopeController } from './scopes/define-scope/define-scope.controller';
import { ListScopesController } from './scopes/list-scopes/list-scopes.controller';
import { ChangeServiceAccountController } from './service-accounts/change-service-account/change-service-account.controller';
import { CreateServiceAccountController } from './service-accounts/create-service-account/create-service-account.controller';
import { DeleteServiceAccountController } from './service-accounts/delete-service-account/delete-service-account.controller';
import { ReactivateServiceAccountController } from './service-accounts/reactivate-service-account/reactivate-service-account.controller';
import { ReadServiceAccountsController } from './service-accounts/read-service-accounts/read-service-accounts.controller';
import { SuspendServiceAccountController } from './service-accounts/suspend-service-account/suspend-service-account.controller';

/** The admin API under /admin/v1. */
@Module({
  imports: [AdminCommandsModule],
  providers: [
    AccessTokenVerifier,
    AdminTokenGuard,
    CredentialExpirySweeper,
    CredentialReminderSweeper,
    SuspiciousActivityRecorder,
    AbandonedSlotSweeper,
  ],
  controllers: [
    ReadServiceAccountsController,
    CreateServiceAccountController,
    ChangeServiceAccountController,
    SuspendServiceAccountController,
    ReactivateServiceAccountController,
    DeleteServiceAccountController,
    CreateCredentialController,
    ChangeCredentialController,
    RotateClientSecretController,
    RevokeCredentialController,
    DefineScopeController,
    ListScopesController,
    GetOrganizationController,
    ListAuditEventsController,
    AddClientPublicKeyController,
    RemoveClientPublicKeyController,
    OrganizationPolicyController,
    RotateSigningKeyController,
    LockdownController,
    CredentialHygieneController,
    NarrowCredentialController,
  ],
})
export class AdminHttpModule {}
