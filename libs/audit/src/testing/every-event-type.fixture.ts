import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import {
  currentSchemaVersion,
  type AccessTokenIssuedData,
  type OAuthClientCreatedData,
  type OrganizationEvent,
  type ServiceAccountEvent,
  type SigningKeyEvent,
  type TokenIssuanceEvent,
} from '@keyward/domain';
import type { RecordedEvent } from '@keyward/event-store';
import { PrivateKeyCipher, SecretDigester, generateSecret, generateSigningKey } from '@keyward/oauth';

export type DomainEvent = OrganizationEvent | ServiceAccountEvent | TokenIssuanceEvent | SigningKeyEvent;
type DataOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['data'];

export interface EveryEventTypeFixture {
  /** One recorded event per domain event type, with the digests and sealed keys the real ones hold. */
  readonly events: ReadonlyMap<string, RecordedEvent>;
  /** Further shapes of some types: a private_key_jwt client, a refusal of an unknown client. */
  readonly variants: readonly RecordedEvent[];
  /** Values no record may contain: secrets, tokens, digests, the sealed key and the private key's members. */
  readonly forbiddenValues: readonly string[];
}

/**
 * Built with the server's own generators (secrets, HMAC digests, AES-GCM sealed RS256 key, whose
 * private JWK has every member d, p, q, dp, dq, qi). Each event's data also holds planted fields a
 * careless writer might add one day (clientSecret, token, accessToken, privateJwk): none may be copied.
 */
export async function everyEventTypeFixture(): Promise<EveryEventTypeFixture> {
  const digester = new SecretDigester(randomBytes(32));
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const clientSecret = generateSecret('clientSecret');
  const rotatedSecret = generateSecret('clientSecret');
  const apiToken = generateSecret('apiToken');
  const secretDigest = digester.digest(clientSecret);
  const rotatedDigest = digester.digest(rotatedSecret);
  const tokenDigest = digester.digest(apiToken);
  const signingKey = (await generateSigningKey('RS256', cipher, new Date('2026-03-01T00:00:00Z'))).data;
  const privateJwk = JSON.parse(cipher.decrypt(signingKey.encryptedPrivateKey, signingKey.kid)) as Record<string, string>;
  const clientKey = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'client-key-1', kty: 'EC', alg: 'ES256' };
  const accessToken = compactJws({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt' }, { sub: 'sa-1', jti: 'jti-1' });

  const org = { organizationId: randomUUID() };
  const account = { ...org, serviceAccountId: randomUUID() };
  const credential = { ...account, credentialId: randomUUID() };
  const at = '2026-03-01T09:12:44.318Z';
  const later = '2026-03-02T09:12:44.318Z';
  const request = { sourceIp: '198.51.100.23', userAgent: 'integration/2.1' };
  const policy = {
    maxAccessTokenLifetimeSeconds: 3600,
    clientSecretMaxAgeDays: 90,
    apiTokenMaxAgeDays: null,
    requireOwner: true,
    accountNamePattern: { pattern: '^svc-[a-z0-9]+-[a-z0-9-]+$', description: 'svc-<team>-<integration>' },
    credentialNamePattern: { pattern: '^(prod|staging)$', description: 'prod or staging' },
    reminderDays: [30, 7, 1],
    suspiciousNewNetworkAfterDays: null,
    suspiciousRefusalBurst: 20,
    suspiciousIdleDays: 60,
  };

  // Keyed by type and typed by the domain's unions: a new event type fails to compile until it has a sample here.
  const samples: { readonly [T in DomainEvent['type']]: DataOf<T> } = {
    OrganizationCreated: { ...org, name: 'Acme', plan: 'free', createdAt: at },
    OrganizationPlanChanged: { ...org, plan: 'enterprise', previousPlan: 'free' },
    ScopeDefined: { ...org, name: 'read:invoices', description: 'Read invoices' },
    ServiceAccountSlotReserved: { ...account, name: 'billing-bot' },
    ServiceAccountSlotRenamed: { ...account, name: 'billing-bot-2' },
    ServiceAccountSlotReleased: { ...account },
    ServiceAccountQuotaRefused: { ...org, plan: 'free', quota: 5, used: 5 },
    OrganizationLockdownStarted: {
      ...org,
      lockdownId: randomUUID(),
      reason: 'leaked deploy key',
      serviceAccountIds: [account.serviceAccountId],
      exemptServiceAccountIds: [randomUUID()],
      startedAt: at,
    },
    OrganizationLockdownLifted: { ...org, lockdownId: randomUUID(), serviceAccountIds: [account.serviceAccountId], liftedAt: later },
    OrganizationPolicyChanged: {
      ...org,
      ...policy,
      previous: {
        ...policy,
        maxAccessTokenLifetimeSeconds: 86400,
        clientSecretMaxAgeDays: null,
        apiTokenMaxAgeDays: 30,
        requireOwner: false,
        reminderDays: [14, 3, 1],
        suspiciousNewNetworkAfterDays: 14,
        suspiciousRefusalBurst: null,
        suspiciousIdleDays: 30,
        accountNamePattern: { pattern: '^[a-z-]+$', description: 'lowercase words' },
        credentialNamePattern: { pattern: '^[a-z]+$', description: 'one word' },
      },
    },
    ServiceAccountCreated: {
      ...account,
      name: 'billing-bot',
      description: 'nightly invoice export',
      owner: 'team-billing',
      tags: ['env=prod'],
      createdAt: at,
    },
    ServiceAccountRenamed: { ...account, name: 'billing-bot-2', previousName: 'billing-bot' },
    ServiceAccountDescriptionChanged: { ...account, description: 'weekly invoice export' },
    ServiceAccountOwnershipChanged: {
      ...account,
      owner: 'team-payments',
      tags: ['env=prod', 'pci'],
      previousOwner: null,
      previousTags: [],
    },
    ServiceAccountSuspended: { ...account, reason: 'leaked credential under review', lockdownId: randomUUID(), suspendedAt: at },
    ServiceAccountReactivated: { ...account, lockdownId: randomUUID(), reactivatedAt: at },
    ServiceAccountDeleted: { ...account, deletedAt: at },
    OAuthClientCreated: {
      ...credential,
      name: 'ci',
      clientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
      tokenEndpointAuthMethod: 'client_secret_basic',
      secretDigest,
      scopes: ['read:invoices'],
      audiences: ['https://api.example.com'],
      accessTokenLifetimeSeconds: 900,
      createdAt: at,
    },
    ApiTokenCreated: { ...credential, name: 'deploy', tokenDigest, scopes: ['read:invoices'], createdAt: at, expiresAt: later },
    CredentialRenamed: { ...credential, name: 'ci-2' },
    CredentialScopesChanged: { ...credential, scopes: ['read:invoices', 'write:invoices'], previousScopes: ['read:invoices'] },
    ClientSecretRotated: { ...credential, secretDigest: rotatedDigest, rotatedAt: at, previousSecretExpiresAt: later },
    CredentialRevoked: { ...credential, revokedAt: at },
    ClientPublicKeyAdded: { ...credential, kid: clientKey.kid, publicKey: clientKey, addedAt: at },
    ClientPublicKeyRemoved: { ...credential, kid: clientKey.kid, removedAt: at },
    CredentialAudiencesChanged: {
      ...credential,
      audiences: ['https://api.example.com', 'https://files.example.com'],
      previousAudiences: ['https://api.example.com'],
    },
    CredentialTokenLifetimeChanged: { ...credential, accessTokenLifetimeSeconds: null, previousLifetimeSeconds: 900 },
    CredentialExpired: { ...credential, reason: 'client_secret_max_age', expiredAt: at },
    CredentialRotationDue: { ...credential, thresholdDays: 14, dueAt: later, remindedAt: at },
    CredentialExpiringSoon: { ...credential, thresholdDays: 3, expiresAt: later, reason: 'api_token_expired', remindedAt: at },
    SuspiciousTokenActivity: {
      ...credential,
      reason: 'new_source_network',
      detectedAt: at,
      sourceNetwork: '198.51.100.0/24',
      refusals: 25,
      idleDays: 40,
    },
    AccessTokenIssued: {
      ...credential,
      jti: 'jti-1',
      clientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
      scopes: ['read:invoices'],
      audience: ['https://api.example.com', 'https://files.example.com'],
      issuedAt: at,
      expiresAt: later,
      ...request,
      grantType: 'client_credentials',
      tokenType: 'DPoP',
      jkt: '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I',
      authMethod: 'client_secret_basic',
      kid: signingKey.kid,
    },
    TokenRequestRefused: {
      ...credential,
      error: 'invalid_client',
      reason: 'wrong_secret',
      clientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
      refusedAt: at,
      ...request,
    },
    AccessTokenRevoked: {
      ...account,
      jti: 'jti-1',
      clientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
      expiresAt: later,
      revokedAt: at,
      revokedByClientId: 'kw_ci_4hWq0lRmVf2bJc8sXo1Z3a',
    },
    SigningKeyCreated: { ...signingKey, activateAfter: later, reason: 'on_demand' },
    SigningKeyActivated: { kid: signingKey.kid, activatedAt: later, previousKid: 'previous-key' },
    SigningKeyRetired: { kid: 'previous-key', retiredAt: later, removeAfter: '2026-03-03T09:12:44.318Z' },
    SigningKeyRevoked: { kid: 'previous-key', revokedAt: later },
  };

  const {
    secretDigest: _secret,
    tokenEndpointAuthMethod: _method,
    ...clientData
  } = samples.OAuthClientCreated as Extract<OAuthClientCreatedData, { tokenEndpointAuthMethod: 'client_secret_basic' }>;
  const variants: DomainEvent[] = [
    {
      type: 'OAuthClientCreated',
      data: { ...clientData, clientId: 'kw_ci_pkjwt', tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: [clientKey] },
    },
    {
      type: 'TokenRequestRefused',
      data: { error: 'invalid_client', reason: 'unknown_client', clientId: 'kw_ci_nobody', refusedAt: at, ...request },
    },
    {
      type: 'OAuthClientCreated',
      data: {
        ...clientData,
        clientId: 'kw_ci_federated',
        tokenEndpointAuthMethod: 'federated_jwt',
        federation: {
          issuer: 'https://token.actions.githubusercontent.com',
          subject: { match: 'exact', value: 'repo:acme/reports:ref:refs/heads/main' },
          claims: { repository_owner: 'acme' },
          maxTokenAgeSeconds: 600,
          allowTokenReuse: false,
        },
      },
    },
    {
      type: 'OAuthClientCreated',
      data: {
        ...clientData,
        clientId: 'kw_ci_mtls',
        tokenEndpointAuthMethod: 'tls_client_auth',
        tlsClientAuth: { kind: 'tls_client_auth_san_dns', value: 'reports.acme.example' },
      },
    },
    {
      type: 'AccessTokenIssued',
      data: {
        ...(samples.AccessTokenIssued as AccessTokenIssuedData),
        tokenType: 'Bearer',
        jkt: undefined,
        authMethod: 'tls_client_auth',
        x5tS256: 'bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2',
        federatedIssuer: 'https://token.actions.githubusercontent.com',
        federatedSubject: 'repo:acme/reports:ref:refs/heads/main',
      },
    },
    {
      type: 'TokenRequestRefused',
      data: { error: 'temporarily_unavailable', reason: 'issuer_unreachable', clientId: 'kw_ci_federated', refusedAt: at, ...request },
    },
    {
      type: 'TokenRequestRefused',
      data: {
        ...credential,
        error: 'invalid_client',
        reason: 'wrong_secret',
        endpoint: 'introspection',
        count: 41,
        firstRefusedAt: at,
        refusedAt: at,
        ...request,
      },
    },
    {
      type: 'TokenRequestRefused',
      data: { ...credential, error: 'too_many_requests', reason: 'client_locked_out', lockoutSeconds: 10, refusedAt: at, ...request },
    },
  ];

  const planted = { clientSecret, token: apiToken, accessToken, privateJwk };
  let position = 0n;
  const recorded = ({ type, data }: DomainEvent): RecordedEvent => ({
    id: randomUUID(),
    type,
    data: { ...data, ...planted },
    metadata: {
      actor: 'service_account:admin-1',
      organizationId: (data as { organizationId?: string }).organizationId,
      ...request,
      correlationId: randomUUID(),
      occurredAt: at,
      schemaVersion: currentSchemaVersion(type),
    },
    streamName: `stream-of-${type}`,
    revision: 0,
    position: ++position,
    recordedAt: new Date(at),
  });
  const events = new Map(Object.entries(samples).map(([type, data]) => [type, recorded({ type, data } as DomainEvent)]));
  const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => privateJwk[member]);
  return {
    events,
    variants: variants.map(recorded),
    forbiddenValues: [
      clientSecret,
      rotatedSecret,
      apiToken,
      accessToken,
      secretDigest,
      rotatedDigest,
      tokenDigest,
      signingKey.encryptedPrivateKey,
      ...privateMembers,
    ],
  };
}

// Looks like an access token (a compact JWS); the signature is random bytes, the record must not hold it anyway.
function compactJws(header: object, payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${randomBytes(256).toString('base64url')}`;
}
