/**
 * Asymmetric JWS algorithms keyward accepts from clients (client assertions, DPoP proofs).
 * RFC 7523 §3 leaves the choice to the server: `none` and the HMAC family are never accepted, because
 * an HMAC would need a shared secret and private_key_jwt exists to avoid one (RFC 8725 §3.1, §3.2).
 */
export const CLIENT_SIGNING_ALGORITHMS = ['ES256', 'EdDSA', 'PS256', 'RS256'] as const;
export type ClientSigningAlgorithm = (typeof CLIENT_SIGNING_ALGORITHMS)[number];

export function isClientSigningAlgorithm(value: unknown): value is ClientSigningAlgorithm {
  return typeof value === 'string' && (CLIENT_SIGNING_ALGORITHMS as readonly string[]).includes(value);
}
