import { credentialExpiry } from '@keyward/domain';
import type { ClientCredentialLookup, ClientCredentialView, OrganizationPolicyLookup } from '@keyward/projections';
import { InvalidClient } from '../errors/oauth-errors';
import type { ClientAssertionVerifier } from '../private-key-jwt/client-assertion-verifier';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import type { PresentedClientCredentials, PresentedClientSecret } from './client-authentication';

/**
 * Authenticates a client by the method it registered: a secret (RFC 6749 §2.3.1) or a key set
 * (private_key_jwt, RFC 7523 §2.2). A client may not switch methods. In-memory lookups only.
 */
export class ClientAuthenticator {
  constructor(
    private readonly credentials: ClientCredentialLookup & OrganizationPolicyLookup,
    private readonly digester: SecretDigester,
    private readonly assertions: ClientAssertionVerifier,
    private readonly clock: () => Date,
  ) {}

  async authenticate(presented: PresentedClientCredentials, endpointUrl: string): Promise<ClientCredentialView> {
    if (presented.method === 'private_key_jwt') return this.assertions.verify(presented.assertion, presented.clientId, endpointUrl);
    return this.authenticateSecret(presented);
  }

  private authenticateSecret(presented: PresentedClientSecret): ClientCredentialView {
    const usedBasic = presented.method === 'client_secret_basic';
    // Same answer for an unknown client and a wrong secret (RFC 6749 §5.2); reasons differ only in the audit trail.
    if (!isWellFormedSecret('clientSecret', presented.clientSecret)) throw new InvalidClient('malformed_secret', usedBasic);
    const credential = this.credentials.findByClientId(presented.clientId);
    if (!credential?.currentSecretDigest) {
      this.digester.digest(presented.clientSecret); // keep the timing of an unknown client like a known one
      throw new InvalidClient(credential ? 'auth_method_not_registered' : 'unknown_client', usedBasic);
    }
    const nowMs = this.clock().getTime();
    if (this.digester.matches(presented.clientSecret, credential.currentSecretDigest)) {
      this.requireSecretNotTooOld(credential, nowMs, usedBasic);
      return credential;
    }
    const previous = credential.previousSecret;
    if (previous && this.digester.matches(presented.clientSecret, previous.digest)) {
      if (previous.expiresAtMs > nowMs) return credential;
      throw new InvalidClient('rotated_secret_expired', usedBasic);
    }
    throw new InvalidClient('wrong_secret', usedBasic);
  }

  /** The organization's max secret age stops a secret at that instant, before the sweeper records CredentialExpired. */
  private requireSecretNotTooOld(credential: ClientCredentialView, nowMs: number, usedBasic: boolean): void {
    const expiry = credentialExpiry({ type: 'oauth_client', createdAtMs: credential.createdAtMs, secretIssuedAtMs: credential.secretIssuedAtMs }, this.credentials.policyOf(credential.organizationId));
    if (expiry && expiry.atMs <= nowMs) throw new InvalidClient('client_secret_max_age', usedBasic);
  }
}
