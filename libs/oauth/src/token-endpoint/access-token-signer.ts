import { SignJWT } from 'jose';
import type { SigningKeyRing } from '../signing/signing-key-ring';
import { TemporarilyUnavailable } from '../errors/oauth-errors';

export interface AccessTokenClaims {
  readonly jti: string;
  readonly sub: string;
  readonly aud: string;
  readonly clientId: string;
  readonly organizationId: string;
  readonly scopes: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** RFC 9068 JWT access tokens: typ at+jwt, kid in the header, the claims of §2.2 plus org_id. */
export class AccessTokenSigner {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly issuer: string,
  ) {}

  async sign(claims: AccessTokenClaims): Promise<string> {
    const key = this.keys.activeKey();
    if (!key) throw new TemporarilyUnavailable('no active signing key', 'no_active_signing_key');
    return new SignJWT({ client_id: claims.clientId, scope: claims.scopes.join(' '), org_id: claims.organizationId })
      .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid })
      .setIssuer(this.issuer)
      .setSubject(claims.sub)
      .setAudience(claims.aud)
      .setJti(claims.jti)
      .setIssuedAt(claims.issuedAt)
      .setExpirationTime(claims.expiresAt)
      .sign(key.privateKey);
  }
}
