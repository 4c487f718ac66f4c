import type { ClientCredentialLookup } from '@keyward/projections';
import type { PresentedClientCertificate } from '../client-authentication/client-authentication';
import type { ClientProof } from '../client-authentication/client-authenticator';
import { InvalidClient } from '../errors/oauth-errors';
import { certificateCarriesName } from './certificate-names';
import { parseCertificate } from './presented-certificate';

/**
 * RFC 8705 §2: a certificate proves the client it names by client_id when the client registered a
 * certificate method. tls_client_auth (§2.1): issued by a CA of TLS_CLIENT_CA_FILE and carrying the
 * registered name. self_signed_tls_client_auth (§2.2): one of the registered certificates, by x5t#S256,
 * within its validity. Every refusal is invalid_client; the reason is for the audit trail.
 */
export class ClientCertificateVerifier {
  constructor(
    private readonly deps: {
      readonly credentials: ClientCredentialLookup;
      readonly clock: () => Date;
    },
  ) {}

  verify(presented: PresentedClientCertificate): ClientProof {
    const credential = this.deps.credentials.findByClientId(presented.clientId);
    if (!credential) throw refuse('unknown_client');
    const { certificate } = presented;
    switch (credential.tokenEndpointAuthMethod) {
      case 'tls_client_auth':
        if (!certificate.chainsToClientCa) throw refuse('certificate_not_issued_by_client_ca');
        if (!certificateCarriesName(certificate.der, credential.tlsClientAuth)) throw refuse('certificate_name_mismatch');
        return { credential, method: 'tls_client_auth' };
      case 'self_signed_tls_client_auth': {
        if (!credential.certificates.some((registered) => registered.x5tS256 === certificate.thumbprint))
          throw refuse('certificate_not_registered');
        // The handshake did not judge a self-signed certificate's dates (no CA vouches for it): judge them here.
        const parsed = parseCertificate(certificate.der);
        const now = this.deps.clock().getTime();
        if (!parsed || now < Date.parse(parsed.validFrom) || now > Date.parse(parsed.validTo)) throw refuse('certificate_outside_validity');
        return { credential, method: 'self_signed_tls_client_auth' };
      }
      default:
        // A client_id sent without a secret by a client that registered another method.
        throw refuse(credential.tokenEndpointAuthMethod === 'client_secret_basic' ? 'missing_client_secret' : 'auth_method_not_registered');
    }
  }
}

const refuse = (reason: string) => new InvalidClient(reason, false);
