import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AddClientPublicKeyHandler } from './credentials/add-client-public-key/add-client-public-key.handler';
import { RemoveClientPublicKeyHandler } from './credentials/remove-client-public-key/remove-client-public-key.handler';
import { ChangeOrganizationPolicyHandler } from './organizations/organization-policy/change-organization-policy.handler';
import { RotateSigningKeyHandler } from './signing-keys/rotate-signing-key/rotate-signing-key.handler';
import { RevokeSigningKeyHandler } from './signing-keys/revoke-signing-key/revoke-signing-key.handler';
import { ChangeCredentialHandler } from './credentials/change-credential/change-credential.handler';
import { CreateCredentialHandler } from './credentials/create-credential/create-credential.handler';
import { RevokeCredentialHandler } from './credentials/revoke-credential/revoke-credential.handler';
import { RotateClientSecretHandler } from './credentials/rotate-client-secret/rotate-client-secret.handler';
import { BootstrapOrganizationHandler } from './organizations/bootstrap-organization/bootstrap-organization.handler';
import { LiftLockdownHandler } from './organizations/lockdown/lift-lockdown.handler';
import { LockdownOrganizationHandler } from './organizations/lockdown/lockdown-organization.handler';
import { ChangePlanHandler } from './organizations/change-plan/change-plan.handler';
import { RecoverOrganizationHandler } from './organizations/recover-organization/recover-organization.handler';
import { DefineScopeHandler } from './scopes/define-scope/define-scope.handler';
import { ChangeServiceAccountHandler } from './service-accounts/change-service-account/change-service-account.handler';
import { CreateServiceAccountHandler } from './service-accounts/create-service-account/create-service-account.handler';
import { DeleteServiceAccountHandler } from './service-accounts/delete-service-account/delete-service-account.handler';
import { ReactivateServiceAccountHandler } from './service-accounts/reactivate-service-account/reactivate-service-account.handler';
import { SuspendServiceAccountHandler } from './service-accounts/suspend-service-account/suspend-service-account.handler';

/** The command side, shared by the HTTP API and the CLI. Handlers read aggregates from their streams only. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    BootstrapOrganizationHandler,
    ChangePlanHandler,
    RecoverOrganizationHandler,
    DefineScopeHandler,
    CreateServiceAccountHandler,
    ChangeServiceAccountHandler,
    SuspendServiceAccountHandler,
    ReactivateServiceAccountHandler,
    DeleteServiceAccountHandler,
    CreateCredentialHandler,
    ChangeCredentialHandler,
    RotateClientSecretHandler,
    RevokeCredentialHandler,
    AddClientPublicKeyHandler,
    RemoveClientPublicKeyHandler,
    ChangeOrganizationPolicyHandler,
    RotateSigningKeyHandler,
    RevokeSigningKeyHandler,
    LockdownOrganizationHandler,
    LiftLockdownHandler,
  ],
  exports: [CqrsModule],
})
export class AdminCommandsModule {}
