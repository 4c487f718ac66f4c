import { unreachable } from '../shared/decider';
import type { OAuthClientAuthentication } from './service-account.events';

/**
 * The members of a new client's auth-method variant, read from its OAuthClientCreated data: the one
 * place that knows which members each RFC 7591 token_endpoint_auth_method carries. The account's state
 * and the token endpoint's read model both take them from here; a new method fails to compile here first.
 * Only that variant's members are taken, whatever else the event carries.
 */
export function clientAuthenticationOf(data: OAuthClientAuthentication): OAuthClientAuthentication {
  switch (data.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return { tokenEndpointAuthMethod: 'client_secret_basic', secretDigest: data.secretDigest };
    case 'private_key_jwt':
      return { tokenEndpointAuthMethod: 'private_key_jwt', publicKeys: data.publicKeys };
    case 'federated_jwt':
      return { tokenEndpointAuthMethod: 'federated_jwt', federation: data.federation };
    case 'tls_client_auth':
      return { tokenEndpointAuthMethod: 'tls_client_auth', tlsClientAuth: data.tlsClientAuth };
    case 'self_signed_tls_client_auth':
      return { tokenEndpointAuthMethod: 'self_signed_tls_client_auth', certificates: data.certificates };
    default:
      return unreachable(data);
  }
}

/** RFC 8705 §3: the certificate methods bind every token to the certificate; other clients when they registered for it. */
export const bindsTokensToCertificate = (data: OAuthClientAuthentication & { readonly certificateBoundAccessTokens?: boolean }): boolean =>
  data.certificateBoundAccessTokens === true ||
  data.tokenEndpointAuthMethod === 'tls_client_auth' ||
  data.tokenEndpointAuthMethod === 'self_signed_tls_client_auth';
