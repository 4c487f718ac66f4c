import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { SIGNING_ALGORITHMS } from '@keyward/domain';
import type { SigningKeyRing } from '../signing/signing-key-ring';

/** The claims of a keyward access token (RFC 9068 §2.2 plus org_id, and cnf for DPoP-bound tokens). */
export interface KeywardAccessTokenClaims {
  readonly jti: string;
  readonly sub: string;
  readonly clientId: string;
  readonly organizationId: string;
  readonly scope: string;
  readonly aud: string | string[];
  readonly iat: number;
  readonly exp: number;
  readonly iss: string;
  /** RFC 7800: the DPoP key (RFC 9449 §6.1) and/or client certificate (RFC 8705 §3.1) the token is bound to. */
  readonly cnf?: TokenConfirmation;
}

export interface TokenConfirmation {
  readonly jkt?: string;
  readonly 'x5t#S256'?: string;
}

/** Verifies keyward's own access tokens against the key ring: signature, issuer, typ at+jwt, expiry. */
export class AccessTokenReader {
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(
    private readonly keys: SigningKeyRing,
    private readonly issuer: string,
    private readonly clock: () => Date,
  ) {}

  /** Undefined for anything that is not a live, authentic keyward access token. */
  async read(token: string): Promise<KeywardAccessTokenClaims | undefined> {
    let payload: JWTPayload;
    try {
      // The key for a kid is used with that key's own algorithm only (no alg confusion across key types).
      ({ payload } = await jwtVerify(token, (header) => this.publicKey(header.kid, header.alg), {
        issuer: this.issuer,
        typ: 'at+jwt',
        algorithms: [...SIGNING_ALGORITHMS],
        requiredClaims: ['jti', 'sub', 'exp', 'iat', 'aud'],
        currentDate: this.clock(),
      }));
    } catch {
      return undefined;
    }
    const { client_id, org_id, scope, cnf } = payload as JWTPayload & { client_id?: unknown; org_id?: unknown; scope?: unknown; cnf?: { jkt?: unknown; 'x5t#S256'?: unknown } };
    const confirmation = { ...(typeof cnf?.jkt === 'string' ? { jkt: cnf.jkt } : {}), ...(typeof cnf?.['x5t#S256'] === 'string' ? { 'x5t#S256': cnf['x5t#S256'] } : {}) };
    if (typeof client_id !== 'string' || typeof org_id !== 'string') return undefined;
    return {
      jti: payload.jti!,
      sub: payload.sub!,
      clientId: client_id,
      organizationId: org_id,
      scope: typeof scope === 'string' ? scope : '',
      aud: payload.aud!,
      iat: payload.iat!,
      exp: payload.exp!,
      iss: payload.iss!,
      ...(Object.keys(confirmation).length > 0 ? { cnf: confirmation } : {}),
    };
  }

  private publicKey(kid: string | undefined, alg: string | undefined): KeyObject {
    const key = kid ? this.keys.publicKey(kid) : undefined;
    if (!kid || !key) throw new Error('unknown signing key');
    if (key.alg !== alg) throw new Error(`key ${kid} signs with ${key.alg}, not ${alg}`);
    const cached = this.publicKeys.get(kid);
    if (cached) return cached;
    const keyObject = createPublicKey({ key: key.jwk as never, format: 'jwk' });
    this.publicKeys.set(kid, keyObject);
    return keyObject;
  }
}
