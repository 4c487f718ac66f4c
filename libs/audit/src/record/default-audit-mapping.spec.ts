import type { RecordedEvent } from '@keyward/event-store';
import { SAMPLE_SECRET_DIGEST, sampleEvent } from '../testing/sample-events';
import { defaultAuditMapping } from './default-audit-mapping';

const recorded = (index: number, overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  ...sampleEvent('org-1', index),
  streamName: 'service_account-x',
  revision: 0,
  position: 7n,
  recordedAt: new Date('2026-01-02T03:04:05.000Z'),
  ...overrides,
});

describe('defaultAuditMapping', () => {
  it('makes a CloudEvents 1.0 record keyed and sourced by organization', () => {
    const event = recorded(0);
    expect(defaultAuditMapping(event)).toEqual({
      specversion: '1.0',
      id: event.id,
      source: '/organizations/org-1',
      type: 'keyward.service_account.created.v1',
      subject: 'service_accounts/sa-org-1-0',
      time: '2026-01-02T03:04:05.000Z',
      datacontenttype: 'application/json',
      partitionkey: 'org-1',
      data: {
        actor: 'cli:alice',
        correlationId: (event.metadata as { correlationId: string }).correlationId,
        organizationId: 'org-1',
        serviceAccountId: 'sa-org-1-0',
        name: 'bot 0',
        outcome: 'success',
      },
    });
  });

  it('names the credential in the subject and leaves every digest out', () => {
    const record = defaultAuditMapping(recorded(1));
    expect(record.subject).toBe('service_accounts/sa-org-1-1/credentials/cred-1');
    expect(record.data).toMatchObject({
      credentialId: 'cred-1',
      scopes: ['read'],
      details: { clientId: 'kw_ci_1', tokenEndpointAuthMethod: 'client_secret_basic' },
    });
    expect(JSON.stringify(record)).not.toContain(SAMPLE_SECRET_DIGEST);
    // The auth method's name says "secret" (RFC 7591 client_secret_basic); no field may name a digest.
    expect(JSON.stringify(record)).not.toMatch(/digest/i);
  });

  it('files events outside any organization under /system, without key material', () => {
    const data = { kid: 'k1', alg: 'ES256', publicJwk: { kty: 'EC', x: 'pub' }, encryptedPrivateKey: 'c2VjcmV0' };
    const record = defaultAuditMapping(recorded(0, { type: 'SigningKeyCreated', data, metadata: {} }));
    expect(record).toMatchObject({
      source: '/system',
      partitionkey: 'system',
      type: 'keyward.signing_key.created.v1',
      data: { details: { kid: 'k1', alg: 'ES256' } },
    });
    expect(JSON.stringify(record)).not.toMatch(/PrivateKey|c2VjcmV0|publicJwk/);
  });

  it('marks refusals and keeps where the token request came from', () => {
    const data = {
      error: 'invalid_client',
      reason: 'wrong_secret',
      clientId: 'kw_ci_1',
      organizationId: 'org-1',
      sourceIp: '203.0.113.7',
      userAgent: 'curl/8',
      refusedAt: '',
    };
    const record = defaultAuditMapping(recorded(0, { type: 'TokenRequestRefused', data, metadata: { correlationId: 'c' } }));
    expect(record).toMatchObject({
      type: 'keyward.token_request.refused.v1',
      data: {
        outcome: 'refused',
        reason: 'wrong_secret',
        sourceIp: '203.0.113.7',
        userAgent: 'curl/8',
        details: { error: 'invalid_client', clientId: 'kw_ci_1' },
      },
    });
  });

  it('publishes policy and lifetime values with null for "no limit" or "server default", previous values picked one by one', () => {
    const previous = { maxAccessTokenLifetimeSeconds: 86400, clientSecretMaxAgeDays: null, apiTokenMaxAgeDays: 30, futureField: 'x' };
    const data = {
      organizationId: 'org-1',
      maxAccessTokenLifetimeSeconds: 3600,
      clientSecretMaxAgeDays: 90,
      apiTokenMaxAgeDays: null,
      previous,
    };
    expect(defaultAuditMapping(recorded(0, { type: 'OrganizationPolicyChanged', data })).data.details).toEqual({
      maxAccessTokenLifetimeSeconds: 3600,
      clientSecretMaxAgeDays: 90,
      apiTokenMaxAgeDays: null,
      previousMaxAccessTokenLifetimeSeconds: 86400,
      previousClientSecretMaxAgeDays: null,
      previousApiTokenMaxAgeDays: 30,
    });
    const lifetime = {
      organizationId: 'org-1',
      serviceAccountId: 'sa',
      credentialId: 'c',
      accessTokenLifetimeSeconds: null,
      previousLifetimeSeconds: 900,
    };
    expect(defaultAuditMapping(recorded(0, { type: 'CredentialTokenLifetimeChanged', data: lifetime })).data.details).toEqual({
      accessTokenLifetimeSeconds: null,
      previousLifetimeSeconds: 900,
    });
  });

  it('names a private_key_jwt client by its key ids, never copying the keys', () => {
    const data = {
      organizationId: 'org-1',
      serviceAccountId: 'sa',
      credentialId: 'c',
      clientId: 'kw_ci_1',
      tokenEndpointAuthMethod: 'private_key_jwt',
      publicKeys: [{ kty: 'EC', kid: 'k1', x: 'pub-x', d: 'leaked' }],
      scopes: [],
    };
    const record = defaultAuditMapping(recorded(0, { type: 'OAuthClientCreated', data }));
    expect(record.data.details).toEqual({ clientId: 'kw_ci_1', tokenEndpointAuthMethod: 'private_key_jwt', publicKeyKids: ['k1'] });
    expect(JSON.stringify(record)).not.toMatch(/pub-x|leaked/);
  });
});
