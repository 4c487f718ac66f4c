import type { ClientCredentialLookup, SecretClientView } from '@keyward/projections';
import { InvalidClient } from '../errors/oauth-errors';
import { isWellFormedSecret } from '../secrets/generated-secret';
import type { SecretDigester } from '../secrets/secret-digester';
import type { PresentedClientSecret } from './client-authentication';

/**
 * client_secret_basic and client_secret_post (RFC 6749 §2.3.1): the secret's digest against the current
 * and the rotated one. Proof of possession only: the org's max secret age is the usability rule's.
 */
export class ClientSecretVerifier {
  constructor(
    private readonly deps: {
      readonly credentials: ClientCredentialLookup;
      readonly digester: SecretDigester;
      readonly clock: () => Date;
    },
  ) {}

  verify(presented: PresentedClientSecret): SecretClientView {
    const { credentials, digester } = this.deps;
    const usedBasic = presented.method === 'client_secret_basic';
    // Same answer for an unknown client and a wrong secret (RFC 6749 §5.2); reasons differ only in the audit trail.
    if (!isWellFormedSecret('clientSecret', presented.clientSecret)) throw new InvalidClient('malformed_secret', usedBasic);
    const credential = credentials.findByClientId(presented.clientId);
    if (credential?.tokenEndpointAuthMethod !== 'client_secret_basic') {
      digester.digest(presented.clientSecret); // keep the timing of an unknown client like a known one
      throw new InvalidClient(credential ? 'auth_method_not_registered' : 'unknown_client', usedBasic);
    }
    if (digester.matches(presented.clientSecret, credential.currentSecretDigest)) return credential;
    const previous = credential.previousSecret;
    if (previous && digester.matches(presented.clientSecret, previous.digest)) {
      if (previous.expiresAtMs > this.deps.clock().getTime()) return credential;
      throw new InvalidClient('rotated_secret_expired', usedBasic);
    }
    throw new InvalidClient('wrong_secret', usedBasic);
  }
}
