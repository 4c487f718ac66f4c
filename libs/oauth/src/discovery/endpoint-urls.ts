/** Where keyward's OAuth endpoints live under its issuer (RFC 8414 §2). */
export function endpointUrls(issuer: string) {
  return {
    token: `${issuer}/oauth/token`,
    introspection: `${issuer}/oauth/introspect`,
    revocation: `${issuer}/oauth/revoke`,
    jwks: `${issuer}/.well-known/jwks.json`,
  } as const;
}
