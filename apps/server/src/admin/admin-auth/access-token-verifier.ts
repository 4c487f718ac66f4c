import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, type JWTPayload } from 'jose';
import type { KeywardConfig } from '@keyward/config';
import { SigningKeyRing } from '@keyward/oauth';
import { ClientCredentialsProjection, RevokedAccessTokensProjection } from '@keyward/projections';
import { KEYWARD_CONFIG } from '../../core/tokens';
import type { AdminPrincipal } from './admin-principal';
import { InvalidToken } from './admin-auth.errors';

/** Verifies keyward's own RFC 9068 access tokens, and that their credential and account are still live. */
@Injectable()
export class AccessTokenVerifier {
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    private readonly keys: SigningKeyRing,
    private readonly credentials: ClientCredentialsProjection,
    private readonly revokedTokens: RevokedAccessTokensProjection,
  ) {}

  async verify(token: string): Promise<AdminPrincipal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.publicKey(header.kid), {
        issuer: this.config.issuer,
        audience: this.config.issuer,
        typ: 'at+jwt',
        algorithms: ['ES256', 'EdDSA', 'RS256'],
      }));
    } catch {
      throw new InvalidToken('the access token is invalid or expired');
    }
    const { org_id, client_id, sub, scope, cnf } = payload as JWTPayload & { org_id?: unknown; client_id?: unknown; scope?: unknown; cnf?: unknown };
    // RFC 9449 §7.1: a DPoP-bound token is not a Bearer token; the admin API takes Bearer tokens only.
    if (cnf !== undefined) throw new InvalidToken('a DPoP-bound access token cannot be used as a Bearer token');
    // RFC 7009: a revoked access token stops at once, not at its expiry.
    if (payload.jti && this.revokedTokens.isRevoked(payload.jti)) throw new InvalidToken('the access token was revoked');
    if (typeof org_id !== 'string' || typeof client_id !== 'string' || typeof sub !== 'string') throw new InvalidToken('the access token lacks org_id, client_id or sub');
    const credential = this.credentials.findByClientId(client_id);
    // Revoking the credential or suspending the account cuts admin access at once, not at token expiry.
    if (!credential || credential.revoked || credential.expired || credential.accountStatus !== 'active' || credential.organizationId !== org_id) {
      throw new InvalidToken('the credential of this access token is no longer active');
    }
    return { organizationId: org_id, serviceAccountId: sub, clientId: client_id, scopes: new Set(typeof scope === 'string' ? scope.split(' ') : []) };
  }

  private publicKey(kid: string | undefined): KeyObject {
    const cached = kid && this.publicKeys.get(kid);
    if (cached) return cached;
    const key = kid ? this.keys.publicKey(kid) : undefined;
    if (!kid || !key) throw new InvalidToken('unknown signing key');
    const keyObject = createPublicKey({ key: key.jwk as never, format: 'jwk' });
    this.publicKeys.set(kid, keyObject);
    return keyObject;
  }
}
