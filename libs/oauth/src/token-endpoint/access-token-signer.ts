import type { ActiveSigningKey, SigningKeyRing } from '../signing/signing-key-ring';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { encodeJwsHeader, jwsSigningInput } from '../signing/compact-jws';
import { inLoopJwsSigner, type JwsSigner } from '../signing/jws-signer';

export interface AccessTokenClaims {
  readonly jti: string;
  readonly sub: string;
  /** RFC 8707 / RFC 9068 §2.2: one audience, or several resources. */
  readonly aud: string | readonly string[];
  readonly clientId: string;
  readonly organizationId: string;
  readonly scopes: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** RFC 9449 §6.1: the thumbprint of the DPoP key the token is bound to. */
  readonly jkt?: string;
  /** RFC 8705 §3.1: the thumbprint of the client certificate the token is bound to. */
  readonly x5tS256?: string;
}

/** RFC 9068 JWT access tokens: typ at+jwt, kid in the header, the claims of §2.2 plus org_id (and cnf when DPoP-bound). */
export class AccessTokenSigner {
  private readonly keys: SigningKeyRing;
  private readonly issuer: string;
  private readonly jws: JwsSigner;
  /** The header of the active key's tokens, encoded when that key became active (the same bytes for every token). */
  private header: { readonly key: ActiveSigningKey; readonly encoded: string } | undefined;

  /** `jws`: where the signature is computed (the server passes its signing thread); on this thread by default. */
  constructor(props: { readonly keys: SigningKeyRing; readonly issuer: string; readonly jws?: JwsSigner }) {
    this.keys = props.keys;
    this.issuer = props.issuer;
    this.jws = props.jws ?? inLoopJwsSigner;
  }

  async sign(claims: AccessTokenClaims): Promise<{ token: string; kid: string }> {
    const { kid, token } = this.start(claims);
    return { token: await token, kid };
  }

  /**
   * Picks the key now (throws 503 without one) and signs in the background: the issuer records the
   * token's event, which names the kid, while the signature is being made.
   */
  start(claims: AccessTokenClaims): { readonly kid: string; readonly token: Promise<string> } {
    const key = this.keys.activeKey();
    if (!key) throw new TemporarilyUnavailable('no active signing key', 'no_active_signing_key');
    if (this.header?.key !== key) this.header = { key, encoded: encodeJwsHeader({ typ: 'at+jwt' }, key) };
    // RFC 9068 §2.2 claims, plus org_id for multi-tenant resource servers.
    const payload: Record<string, unknown> = {
      iss: this.issuer,
      sub: claims.sub,
      aud: claims.aud,
      exp: claims.expiresAt,
      iat: claims.issuedAt,
      jti: claims.jti,
      client_id: claims.clientId,
      scope: claims.scopes.join(' '),
      org_id: claims.organizationId,
    };
    if (claims.jkt || claims.x5tS256) payload.cnf = confirmation(claims);
    const signingInput = jwsSigningInput(this.header.encoded, payload);
    const token = this.jws.sign(signingInput, key).then(
      (signature) => `${signingInput}.${signature}`,
      () => {
        // The signing thread logs why; the client learns only that it may retry (RFC 6749 §5.2 has no better code).
        throw new TemporarilyUnavailable('the access token could not be signed', 'signing_failed');
      },
    );
    return { kid: key.kid, token };
  }
}

/** RFC 7800 cnf: the DPoP key (RFC 9449 §6.1) and/or the client certificate (RFC 8705 §3.1) the token is bound to. */
function confirmation(claims: AccessTokenClaims): { jkt?: string; 'x5t#S256'?: string } {
  return { ...(claims.jkt ? { jkt: claims.jkt } : {}), ...(claims.x5tS256 ? { 'x5t#S256': claims.x5tS256 } : {}) };
}
