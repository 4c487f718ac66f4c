import { auditTypeName } from './audit-type-name';

describe('auditTypeName', () => {
  it.each([
    ['ServiceAccountCreated', 'keyward.service_account.created.v1'],
    ['OAuthClientCreated', 'keyward.oauth_client.created.v1'],
    ['ApiTokenCreated', 'keyward.api_token.created.v1'],
    ['AccessTokenIssued', 'keyward.access_token.issued.v1'],
    ['ClientSecretRotated', 'keyward.client_secret.rotated.v1'],
    ['OrganizationCreated', 'keyward.organization.created.v1'],
  ])('names %s %s', (eventType, expected) => {
    expect(auditTypeName(eventType)).toBe(expected);
  });

  it('carries the schema version', () => {
    expect(auditTypeName('ScopeDefined', 2)).toBe('keyward.scope.defined.v2');
  });
});
