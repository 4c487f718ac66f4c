import type { RevocableAccessToken } from '@keyward/domain';
import type { KeywardAccessTokenClaims } from '../access-token/access-token-reader';

/** What the revocation decision needs of a verified access token: for /oauth/revoke and the console's sign-out alike. */
export const revocableAccessToken = (claims: KeywardAccessTokenClaims, alreadyRevoked: boolean): RevocableAccessToken => ({
  jti: claims.jti,
  organizationId: claims.organizationId,
  serviceAccountId: claims.sub,
  clientId: claims.clientId,
  expiresAtMs: claims.exp * 1000,
  alreadyRevoked,
});
