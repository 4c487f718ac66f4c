import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_LIFETIME_SECONDS, CLOCK_SKEW_SECONDS, SIGNING_ALGORITHMS } from '@keyward/domain';
import type { SigningKeyRing, VerifyingKey } from '../signing/signing-key-ring';

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

  private readonly keys: SigningKeyRing;
  private readonly issuer: string;
  private readonly clock: () => Date;

  constructor(props: { readonly keys: SigningKeyRing; readonly issuer: string; readonly clock: () => Date }) {
    ({ keys: this.keys, issuer: this.issuer, clock: this.clock } = props);
  }

  /** Undefined for anything that is not a live, authentic keyward access token. */
  async read(token: string): Promise<KeywardAccessTokenClaims | undefined> {
    let payload: JWTPayload;
    let key: VerifyingKey | undefined;
    const now = this.clock();
    try {
      // The key for a kid is used with that key's own algorithm only (no alg confusion across key types).
      ({ payload } = await jwtVerify(
        token,
        (header) => this.publicKey((key = header.kid ? this.keys.verifyingKey(header.kid, now) : undefined), header.kid, header.alg),
        {
          issuer: this.issuer,
          typ: 'at+jwt',
          algorithms: [...SIGNING_ALGORITHMS],
          requiredClaims: ['jti', 'sub', 'exp', 'iat', 'aud'],
          currentDate: now,
        },
      ));
    } catch {
      return undefined;
    }
    if (!key || !couldHaveSigned(key, payload.iat!, payload.exp!, now)) return undefined;
    const { client_id, org_id, scope, cnf } = payload as JWTPayload & {
      client_id?: unknown;
      org_id?: unknown;
      scope?: unknown;
      cnf?: { jkt?: unknown; 'x5t#S256'?: unknown };
    };
    const confirmation = {
      ...(typeof cnf?.jkt === 'string' ? { jkt: cnf.jkt } : {}),
      ...(typeof cnf?.['x5t#S256'] === 'string' ? { 'x5t#S256': cnf['x5t#S256'] } : {}),
    };
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

  private publicKey(key: VerifyingKey | undefined, kid: string | undefined, alg: string | undefined): KeyObject {
    // Unknown, revoked, or retired past its retention: nothing verifies.
    if (!kid || !key) throw new Error('unknown signing key');
    if (key.alg !== alg) throw new Error(`key ${kid} signs with ${key.alg}, not ${alg}`);
    const cached = this.publicKeys.get(kid);
    if (cached) return cached;
    const keyObject = createPublicKey({ key: key.jwk as never, format: 'jwk' });
    this.publicKeys.set(kid, keyObject);
    return keyObject;
  }
}

/**
 * A token its key could not have issued is refused even with a valid signature (a leaked key, or a
 * forged lifetime): issued while the key was active (from activation, until retirement), and expiring
 * within the longest lifetime keyward gives any token (RFC 9068 §4: the server defines what is valid).
 */
function couldHaveSigned(key: VerifyingKey, iat: number, exp: number, now: Date): boolean {
  const skew = CLOCK_SKEW_SECONDS;
  const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);
  const activated = seconds(key.activatedAt);
  const retired = seconds(key.retiredAt);
  if (activated === undefined || iat < activated - skew) return false; // a key that never became active signed nothing
  if (iat > (retired ?? now.getTime() / 1000) + skew) return false;
  return exp - iat <= ACCESS_TOKEN_LIFETIME_SECONDS.max;
}
