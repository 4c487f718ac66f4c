import type { SigningKeyRing } from '../signing/signing-key-ring';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { signCompactJws } from '../signing/compact-jws';

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
    // RFC 9068 §2.2 claims, plus org_id for multi-tenant resource servers.
    return signCompactJws(
      { typ: 'at+jwt' },
      {
        iss: this.issuer,
        sub: claims.sub,
        aud: claims.aud,
        exp: claims.expiresAt,
        iat: claims.issuedAt,
        jti: claims.jti,
        client_id: claims.clientId,
        scope: claims.scopes.join(' '),
        org_id: claims.organizationId,
      },
      key,
    );
  }
}
