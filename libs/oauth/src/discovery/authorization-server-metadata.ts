/** RFC 8414 §2 metadata (also served as OpenID Connect Discovery 1.0). */
export function authorizationServerMetadata(issuer: string, scopes: readonly string[], signingAlgorithms: readonly string[]) {
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    grant_types_supported: ['client_credentials'],
    response_types_supported: ['token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: scopes,
    // RFC 9068 §2.1: what access tokens are signed with.
    access_token_signing_alg_values_supported: signingAlgorithms,
    id_token_signing_alg_values_supported: signingAlgorithms,
    subject_types_supported: ['public'],
    service_documentation: `${issuer}/openapi.json`,
  };
}
