import { CLIENT_SIGNING_ALGORITHMS } from '@keyward/domain';
import { endpointUrls } from './endpoint-urls';

export interface MetadataSources {
  readonly issuer: string;
  readonly scopes: readonly string[];
  readonly signingAlgorithms: readonly string[];
  /** The token endpoint's grant handlers, so a new grant is advertised with no change here. */
  readonly grantTypes: readonly string[];
  /** The client authenticator's methods, at every endpoint that authenticates clients. */
  readonly authMethods: readonly string[];
  /** Where clients reach the endpoints over mutual TLS (RFC 8705 §5); absent when no client certificate can reach keyward. */
  readonly mtlsBaseUrl?: string;
}

const CERTIFICATE_METHODS = ['tls_client_auth', 'self_signed_tls_client_auth'];

/** RFC 8414 §2 metadata (also served as OpenID Connect Discovery 1.0), listing every endpoint and method keyward supports. */
export function authorizationServerMetadata({ issuer, scopes, signingAlgorithms, grantTypes, authMethods, mtlsBaseUrl }: MetadataSources) {
  const endpoints = endpointUrls(issuer);
  // The certificate methods are advertised only where a certificate can reach keyward.
  const AUTH_METHODS = authMethods.filter((method) => mtlsBaseUrl !== undefined || !CERTIFICATE_METHODS.includes(method));
  return {
    issuer,
    token_endpoint: endpoints.token,
    jwks_uri: endpoints.jwks,
    grant_types_supported: [...grantTypes],
    // RFC 8414 §2 requires the member; there is no authorization endpoint, so no response type is supported.
    response_types_supported: [],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    // RFC 8414 §2: algorithms accepted for private_key_jwt client assertions (never none or HMAC).
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_SIGNING_ALGORITHMS],
    // RFC 8414 §2 / RFC 7662: introspection.
    introspection_endpoint: endpoints.introspection,
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    introspection_endpoint_auth_signing_alg_values_supported: [...CLIENT_SIGNING_ALGORITHMS],
    // RFC 8414 §2 / RFC 7009: revocation.
    revocation_endpoint: endpoints.revocation,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_signing_alg_values_supported: [...CLIENT_SIGNING_ALGORITHMS],
    // RFC 9449 §5.1: DPoP proofs keyward verifies.
    dpop_signing_alg_values_supported: [...CLIENT_SIGNING_ALGORITHMS],
    scopes_supported: scopes,
    // RFC 9068 §2.1: what access tokens are signed with.
    access_token_signing_alg_values_supported: signingAlgorithms,
    id_token_signing_alg_values_supported: signingAlgorithms,
    subject_types_supported: ['public'],
    service_documentation: `${issuer}/openapi.json`,
    ...(mtlsBaseUrl !== undefined ? mutualTlsMetadata(mtlsBaseUrl) : {}),
  };
}

/** RFC 8705 §3.3 and §5: certificate-bound tokens, and the endpoints' addresses for clients using mutual TLS. */
function mutualTlsMetadata(mtlsBaseUrl: string) {
  const endpoints = endpointUrls(mtlsBaseUrl);
  return {
    tls_client_certificate_bound_access_tokens: true,
    mtls_endpoint_aliases: {
      token_endpoint: endpoints.token,
      introspection_endpoint: endpoints.introspection,
      revocation_endpoint: endpoints.revocation,
    },
  };
}
