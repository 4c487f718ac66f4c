/**
 * Preset dictionary of the DEFLATE_V1 body codec: the JSON that keyward's events share (keys, event
 * and metadata vocabulary, the shape of ISO timestamps), so even a single small event compresses well.
 * Never edit it: bodies stored before ZSTD_V2 (sqlite-body-dictionary-v2.ts) need the exact bytes to inflate.
 * Deflate finds the nearest match, so the commonest fragments (token issuance) come last.
 */
export const COMPRESSION_DICTIONARY_V1 = [
  '{"organizationId":"","name":"","plan":"free","createdAt":"2026-01-01T00:00:00.000Z"}',
  '{"organizationId":"","serviceAccountId":"","name":"","description":"","createdAt":"2026-01-01T00:00:00.000Z"}',
  '{"scope":"","description":"","previousName":"","previousPlan":"standard","enterprise","quota":,"used":}',
  '{"credentialId":"","type":"oauth_client","api_token","secretDigest":"","tokenDigest":"","previousScopes":[],"rotatedAt":"","previousSecretExpiresAt":"","revokedAt":"","expiredAt":"","publicKeys":[{"kty":"EC","crv":"P-256","x":"","y":"","alg":"ES256","use":"sig"}],"audiences":[],"accessTokenLifetimeSeconds":3600}',
  '{"kid":"","alg":"ES256","EdDSA","RS256","publicJwk":{},"encryptedPrivateKey":"","activateAfter":"","activatedAt":"","previousKid":"","retiredAt":"","removeAfter":""}',
  '{"maxAccessTokenLifetimeSeconds":null,"clientSecretMaxAgeDays":null,"apiTokenMaxAgeDays":null}',
  '{"error":"invalid_client","invalid_request","invalid_scope","unauthorized_client","unsupported_grant_type","reason":"wrong_secret","unknown_client","refusedAt":"',
  '{"jti":"","organizationId":"","serviceAccountId":"","credentialId":"","clientId":"kw_ci_","scopes":["read:"],"audience":"https://","http://localhost:3000","http://127.0.0.1:',
  '","issuedAt":"2026-12-01T00:00:00.000Z","expiresAt":"2026-12-01T01:00:00.000Z","sourceIp":"127.0.0.1","userAgent":"","tokenType":"Bearer","authMethod":"client_secret_basic","client_secret_post","private_key_jwt","kid":""}',
  '\n{"actor":"service_account:","anonymous","admin:","system","organizationId":"","sourceIp":"","userAgent":"","correlationId":"","occurredAt":"2026-12-01T00:00:00.000Z","schemaVersion":1}',
].join('');
