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
}

/** RFC 8414 §2 metadata (also served as OpenID Connect Discovery 1.0), listing every endpoint and method keyward supports. */
export function authorizationServerMetadata({ issuer, scopes, signingAlgorithms, grantTypes, authMethods }: MetadataSources) {
  const endpoints = endpointUrls(issuer);
  const AUTH_METHODS = [...authMethods];
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
  };
}
