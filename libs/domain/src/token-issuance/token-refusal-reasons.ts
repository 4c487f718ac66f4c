/**
 * Every `reason` a TokenRequestRefused may carry: a closed set of codes, never request text (a reason
 * that quoted the request let one unauthenticated request store 32 KB). A reason outside the set is
 * recorded as the RFC error code the client was sent. Add a code here when a check gets its own.
 */
export const TOKEN_REFUSAL_REASONS = [
  // client authentication (RFC 6749 §2.3, RFC 7523)
  'no_client_authentication',
  'missing_client_secret',
  'malformed_authorization_header',
  'malformed_secret',
  'unknown_client',
  'wrong_secret',
  'rotated_secret_expired',
  'client_secret_max_age',
  'auth_method_not_registered',
  'malformed_assertion',
  'assertion_alg_not_allowed',
  'assertion_client_id_mismatch',
  'assertion_iss_sub_missing',
  'assertion_iss_sub_mismatch',
  'assertion_exp_too_far',
  'assertion_iat_in_future',
  'assertion_jti_invalid',
  'assertion_replayed',
  'assertion_expired',
  'assertion_signature_invalid',
  'assertion_iss_invalid',
  'assertion_sub_invalid',
  'assertion_aud_invalid',
  'assertion_exp_invalid',
  'assertion_nbf_invalid',
  'assertion_iat_invalid',
  'assertion_typ_invalid',
  'no_key_for_alg',
  'unknown_kid',
  // the credential and its account
  'credential_revoked',
  'credential_expired',
  'service_account_suspended',
  'service_account_deleted',
  'not_an_oauth_client',
  // the grant (RFC 6749 §4.4, RFC 8707)
  'scope_not_granted',
  'audience_not_allowed',
  // DPoP (RFC 9449 §4.3)
  'dpop_multiple_headers',
  'dpop_malformed',
  'dpop_typ',
  'dpop_alg',
  'dpop_jwk_missing',
  'dpop_jwk_private',
  'dpop_jwk_alg',
  'dpop_jwk_invalid',
  'dpop_jwk_weak',
  'dpop_signature',
  'dpop_htm',
  'dpop_htu',
  'dpop_jti',
  'dpop_iat',
  'dpop_jti_replayed',
  // replay claims (replay_cache_* are from before the claims moved to the store), introspection, revocation
  'replay_cache_full',
  'replay_cache_full_for_client',
  'replay_claims_full',
  'replay_claims_contended',
  'introspect_scope_missing',
  'token_of_another_client',
  'api_token_of_another_account',
  'resource_malformed',
  // federation (RFC 7523 §2.1 with an external issuer)
  'federation_alg_not_allowed',
  'federation_issuer_mismatch',
  'federation_jti_missing',
  'federation_kid_ambiguous',
  'federation_malformed_assertion',
  'federation_signature_invalid',
  'federation_subject_mismatch',
  'federation_subject_missing',
  'federation_token_replayed',
  'issuer_unreachable',
  'federation_audience_mismatch',
  'federation_claim_mismatch',
  'federation_token_expired',
  'federation_token_not_yet_valid',
  'federation_token_issued_in_future',
  'federation_token_too_old',
  'federation_exp_missing',
  'federation_iat_missing',
  'federation_unknown_kid',
  // the federated client's identity provider (fail closed: 503)
  'issuer_timeout',
  'issuer_http_error',
  'issuer_response_too_large',
  'issuer_response_invalid',
  'issuer_discovery_mismatch',
  // client certificates (RFC 8705)
  'certificate_not_issued_by_client_ca',
  'certificate_name_mismatch',
  'certificate_not_registered',
  'certificate_outside_validity',
  'client_certificate_required',
  // rate limits
  'client_locked_out',
  'source_rate_limited',
  'organization_rate_limited',
  // the RFC 6749 §5.2 codes themselves, for checks without a code of their own
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_scope',
  'invalid_target',
  'invalid_dpop_proof',
  'unauthorized_client',
  'unsupported_grant_type',
  'temporarily_unavailable',
  'too_many_requests',
] as const;

export type TokenRefusalReason = (typeof TOKEN_REFUSAL_REASONS)[number];

const KNOWN = new Set<string>(TOKEN_REFUSAL_REASONS);

/** The code to record: the precise reason when it is one of ours, else the error the client was sent. */
export function refusalReasonOf(reason: string, error: string): TokenRefusalReason {
  if (KNOWN.has(reason)) return reason as TokenRefusalReason;
  return KNOWN.has(error) ? (error as TokenRefusalReason) : 'invalid_request';
}
