import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { TokenIssuanceEvent } from '@keyward/domain';
import type { SecretClientView } from '@keyward/projections';
import type { AuthenticatedClient } from '../client-authentication/client-authenticator';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { generateSigningKey } from '../signing/generate-signing-key';
import { inLoopJwsSigner, type JwsSigner } from '../signing/jws-signer';
import { PrivateKeyCipher } from '../signing/private-key-cipher';
import { SigningKeyRing } from '../signing/signing-key-ring';
import { AccessTokenIssuer } from './access-token-issuer';
import { AccessTokenSigner } from './access-token-signer';

const now = new Date('2026-12-01T10:00:00Z');
const context = { sourceIp: '203.0.113.9', userAgent: 'spec', correlationId: 'c-1' };
const client = {
  method: 'client_secret_basic',
  credential: { credentialId: 'cred-1', clientId: 'kw_ci_1', organizationId: 'org-1', serviceAccountId: 'sa-1' } as SecretClientView,
} as AuthenticatedClient;
const grant = { scopes: ['read:reports'], audience: 'https://api', lifetimeSeconds: 600 };

async function issuerWith(jws: JwsSigner, record: (event: TokenIssuanceEvent) => Promise<void>) {
  const cipher = new PrivateKeyCipher(randomBytes(32));
  const ring = new SigningKeyRing({ cipher });
  const created = await generateSigningKey('ES256', cipher, now);
  ring.apply(created);
  ring.apply({ type: 'SigningKeyActivated', data: { kid: created.data.kid, activatedAt: now.toISOString() } });
  const signer = new AccessTokenSigner({ keys: ring, issuer: 'https://keyward.test', jws });
  return { kid: created.data.kid, issuer: new AccessTokenIssuer({ signer, recorder: { record }, clock: () => now, newId: () => 'jti-1' }) };
}

describe('AccessTokenIssuer', () => {
  it('records the token’s event while its signature is being made, and answers once both are done', async () => {
    const recorded: TokenIssuanceEvent[] = [];
    let recordStarted!: () => void;
    const recording = new Promise<void>((resolve) => (recordStarted = resolve));
    // This signature is made only once the record has begun: issuing one after the other would never finish.
    const jws: JwsSigner = { sign: async (input, key) => recording.then(() => inLoopJwsSigner.sign(input, key)) };
    const { issuer, kid } = await issuerWith(jws, async (event) => {
      recorded.push(event);
      recordStarted();
    });
    const response = await issuer.issue(client, 'client_credentials', grant, context);
    expect(decodeJwt(response.access_token)).toMatchObject({ jti: 'jti-1', sub: 'sa-1', scope: 'read:reports' });
    expect(recorded).toEqual([
      expect.objectContaining({ type: 'AccessTokenIssued', data: expect.objectContaining({ jti: 'jti-1', kid }) }),
    ]);
  });

  it('answers 503 when the signature fails, and follows the durable AccessTokenIssued with its AccessTokenRevoked', async () => {
    const recorded: TokenIssuanceEvent[] = [];
    const { issuer } = await issuerWith({ sign: () => Promise.reject(new Error('the signing thread exited (1)')) }, async (event) => {
      recorded.push(event);
    });
    await expect(issuer.issue(client, 'client_credentials', grant, context)).rejects.toMatchObject({
      status: 503,
      error: 'temporarily_unavailable',
      reason: 'signing_failed',
    });
    expect(recorded.map((event) => [event.type, 'jti' in event.data ? event.data.jti : undefined])).toEqual([
      ['AccessTokenIssued', 'jti-1'],
      ['AccessTokenRevoked', 'jti-1'],
    ]);
    expect(recorded[1]!.data).toMatchObject({
      revokedByClientId: 'kw_ci_1',
      revokedAt: now.toISOString(),
      expiresAt: '2026-12-01T10:10:00.000Z',
    });
  });

  it('hands out no token when its event could not be recorded, even though it was signed', async () => {
    const { issuer } = await issuerWith(inLoopJwsSigner, () => Promise.reject(new Error('disk full')));
    const failure = await issuer.issue(client, 'client_credentials', grant, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TemporarilyUnavailable);
    expect(failure).toMatchObject({ reason: 'record_failed: disk full' });
  });
});
