import type { ClientCredentialView } from '@keyward/projections';
import { InvalidRequest } from '../errors/oauth-errors';
import type { PresentedCertificate } from './presented-certificate';

/**
 * RFC 8705 §3: the x5t#S256 a client's token is bound to, or none. Clients that registered
 * tls_client_certificate_bound_access_tokens (and every certificate-authenticated client) get bound
 * tokens only: without a certificate on the request there is nothing to bind to, so no token.
 */
export function certificateBinding(credential: ClientCredentialView, certificate: PresentedCertificate | undefined): string | undefined {
  if (!credential.certificateBoundAccessTokens) return undefined;
  if (!certificate)
    throw new InvalidRequest(
      'this client gets certificate-bound tokens only: send the request over mutual TLS (RFC 8705 §3)',
      'client_certificate_required',
    );
  return certificate.thumbprint;
}
