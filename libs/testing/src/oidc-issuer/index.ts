export * from './oidc-test-issuer';
export * from './oidc-test-issuer-process';
