export * from './runner/projection';
export * from './runner/projection-runner';
export * from './client-credentials/client-credential-view';
export * from './client-credentials/client-credentials.projection';
export * from './service-accounts/service-account-view';
export * from './service-accounts/service-accounts.projection';
export * from './organizations/organizations.projection';
export * from './audit-log/audit-log-index.projection';
