// The command side the server, the CLI and the audit relay share: handlers, the write path, signing keys, the relay's wiring.
// Named re-exports, not `export *`: swc compiles `export *` into one getter function shared by every name,
// a megamorphic load on each access (about 1.8 µs a grant on the token endpoint, in perf), where a named
// re-export gets a getter of its own. barrel.spec.ts checks that every value the modules export is here.
export { AdminCommandsModule } from './admin-commands.module';
export { auditRelayConfig, configuredAuditSinkTarget, createConfiguredAuditRelay } from './audit/configured-audit-relay';
export type { AuditRelayConfig } from './audit/configured-audit-relay';
export type { AuditRelayWorkerData } from './audit/audit-relay-thread.messages';
export { ThreadedAuditRelay, createConfiguredThreadedAuditRelay } from './audit/threaded-audit-relay';
export type { RelayWorkerSpawner, ThreadedAuditRelayOptions } from './audit/threaded-audit-relay';
export { nestRelayLogger } from './audit/relay-logger.adapter';
export { AggregateStore } from './core/aggregate-store';
export type { Loaded } from './core/aggregate-store';
export type { CommandContext } from './core/command-context';
export { CoreModule } from './core/core.module';
export { toEventToAppend } from './core/event-envelope';
export { openConfiguredEventStore } from './core/event-store.factory';
export { EVENT_UPCASTERS, currentSchemaVersion } from './core/event-upcasters';
export { PeriodicJob } from './core/periodic-job';
export { NO_READ_MODELS } from './core/read-model-consistency';
export type { ReadModelConsistency } from './core/read-model-consistency';
export { CLOCK, EVENT_STORE, KEYWARD_CONFIG, READ_MODEL_CONSISTENCY } from './core/tokens';
export type { Clock } from './core/tokens';
export { AddClientPublicKey, AddClientPublicKeyHandler } from './credentials/add-client-public-key/add-client-public-key.handler';
export { ChangeCredential, ChangeCredentialHandler } from './credentials/change-credential/change-credential.handler';
export { CreateCredential, CreateCredentialHandler } from './credentials/create-credential/create-credential.handler';
export type {
  ClientAuthenticationRequest,
  CreatedCredential,
  CredentialPreview,
} from './credentials/create-credential/create-credential.handler';
export { federationResponse, toCredentialResponse } from './credentials/credential.response';
export type { CredentialResponse } from './credentials/credential.response';
export {
  RemoveClientPublicKey,
  RemoveClientPublicKeyHandler,
} from './credentials/remove-client-public-key/remove-client-public-key.handler';
export { RevokeCredential, RevokeCredentialHandler } from './credentials/revoke-credential/revoke-credential.handler';
export { RotateClientSecret, RotateClientSecretHandler } from './credentials/rotate-client-secret/rotate-client-secret.handler';
export type { RotatedClientSecret } from './credentials/rotate-client-secret/rotate-client-secret.handler';
export { BootstrapOrganization, BootstrapOrganizationHandler } from './organizations/bootstrap-organization/bootstrap-organization.handler';
export type { BootstrappedOrganization } from './organizations/bootstrap-organization/bootstrap-organization.handler';
export { ChangePlan, ChangePlanHandler } from './organizations/change-plan/change-plan.handler';
export type { ChangedPlan } from './organizations/change-plan/change-plan.handler';
export { ADMIN_SCOPE, requireAnotherAdminCredential } from './organizations/last-admin-credential';
export type { LeavingAdminAccess } from './organizations/last-admin-credential';
export { LiftLockdown, LiftLockdownHandler } from './organizations/lockdown/lift-lockdown.handler';
export type { LiftLockdownResult } from './organizations/lockdown/lift-lockdown.handler';
export { LockdownOrganization, LockdownOrganizationHandler } from './organizations/lockdown/lockdown-organization.handler';
export type { LockdownResult } from './organizations/lockdown/lockdown-organization.handler';
export { loadAccounts, loadOrganization, toTarget } from './organizations/lockdown/lockdown-targets';
export type { LockdownTarget } from './organizations/lockdown/lockdown-targets';
export {
  ChangeOrganizationPolicy,
  ChangeOrganizationPolicyHandler,
} from './organizations/organization-policy/change-organization-policy.handler';
export { loadOrganizationRules } from './organizations/organization-rules';
export { RecoverOrganization, RecoverOrganizationHandler } from './organizations/recover-organization/recover-organization.handler';
export { DefineScope, DefineScopeHandler } from './scopes/define-scope/define-scope.handler';
export type { DefinedScope } from './scopes/define-scope/define-scope.handler';
export {
  ChangeServiceAccount,
  ChangeServiceAccountHandler,
} from './service-accounts/change-service-account/change-service-account.handler';
export {
  CreateServiceAccount,
  CreateServiceAccountHandler,
} from './service-accounts/create-service-account/create-service-account.handler';
export type {
  ServiceAccountCreatedResult,
  ServiceAccountPreview,
} from './service-accounts/create-service-account/create-service-account.handler';
export {
  DeleteServiceAccount,
  DeleteServiceAccountHandler,
} from './service-accounts/delete-service-account/delete-service-account.handler';
export {
  ReactivateServiceAccount,
  ReactivateServiceAccountHandler,
} from './service-accounts/reactivate-service-account/reactivate-service-account.handler';
export { executeOnServiceAccount } from './service-accounts/service-account-in-organization';
export {
  SuspendServiceAccount,
  SuspendServiceAccountHandler,
} from './service-accounts/suspend-service-account/suspend-service-account.handler';
export { RotateSigningKey, RotateSigningKeyHandler } from './signing-keys/rotate-signing-key/rotate-signing-key.handler';
export { RevokeSigningKey, RevokeSigningKeyHandler } from './signing-keys/revoke-signing-key/revoke-signing-key.handler';
export type { RevokedSigningKey } from './signing-keys/revoke-signing-key/revoke-signing-key.handler';
export { createSigningKey } from './signing-keys/signing-key-rotation';
export type { CreatedSigningKey } from './signing-keys/signing-key-rotation';
export { SIGNING_KEY_TICK_MS, SigningKeyScheduler } from './signing-keys/signing-key.scheduler';
export { SigningKeyService } from './signing-keys/signing-key.service';
export { SigningKeysProjection } from './signing-keys/signing-keys.projection';
export { SigningKeysModule } from './signing-keys/signing-keys.module';
export { StoreSubscriptionFailures } from './core/store-subscription-failures';
