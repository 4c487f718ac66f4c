import { Inject, Injectable } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { credentialUsability } from '@keyward/domain';
import { AccessTokenReader, SigningKeyRing } from '@keyward/oauth';
import { ClientCredentialsProjection, RevokedAccessTokensProjection } from '@keyward/projections';
import { CLOCK, KEYWARD_CONFIG, type Clock } from '@keyward/application';
import type { AdminPrincipal } from './admin-principal';
import { InvalidToken } from './admin-auth.errors';

/** Admin callers present keyward's own RFC 9068 access tokens; their credential and account must still be live. */
@Injectable()
export class AccessTokenVerifier {
  private readonly reader: AccessTokenReader;

  constructor(
    @Inject(KEYWARD_CONFIG) private readonly config: KeywardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    keys: SigningKeyRing,
    private readonly credentials: ClientCredentialsProjection,
    private readonly revokedTokens: RevokedAccessTokensProjection,
  ) {
    this.reader = new AccessTokenReader({ keys, issuer: config.issuer, clock });
  }

  /** `certificateThumbprint`: x5t#S256 of the request's client certificate, when it has one (RFC 8705 §3). */
  async verify(token: string, certificateThumbprint?: string): Promise<AdminPrincipal> {
    const claims = await this.reader.read(token);
    if (!claims) throw new InvalidToken('the access token is invalid or expired');
    // RFC 9068 §4: the admin API is a resource of the issuer itself; tokens for other audiences do not open it.
    if (!(Array.isArray(claims.aud) ? claims.aud : [claims.aud]).includes(this.config.issuer))
      throw new InvalidToken('the access token is not meant for this API');
    // RFC 9449 §7.1: a DPoP-bound token is not a Bearer token; the admin API takes Bearer tokens only.
    if (claims.cnf?.jkt) throw new InvalidToken('a DPoP-bound access token cannot be used as a Bearer token');
    // RFC 8705 §3: a certificate-bound token works only over a connection presenting that certificate.
    const bound = claims.cnf?.['x5t#S256'];
    if (bound !== undefined && bound !== certificateThumbprint)
      throw new InvalidToken('this access token is bound to a client certificate the request did not present (RFC 8705 §3)');
    // RFC 7009: a revoked access token stops at once, not at its expiry.
    if (this.revokedTokens.isRevoked(claims.jti)) throw new InvalidToken('the access token was revoked');
    const credential = this.credentials.findByClientId(claims.clientId);
    // Revoking the credential or suspending the account cuts admin access at once, not at token expiry.
    const usable =
      credential && credentialUsability(credential, this.credentials.policyOf(credential.organizationId), this.clock().getTime()).usable;
    if (!credential || !usable || credential.organizationId !== claims.organizationId) {
      throw new InvalidToken('the credential of this access token is no longer active');
    }
    // A token carries the scopes its credential had when it was issued; narrowing the credential since
    // narrows what the token can still do, at once.
    const current = new Set(credential.scopes);
    const scopes = new Set(claims.scope.split(' ').filter((scope) => scope !== '' && current.has(scope)));
    return { organizationId: claims.organizationId, serviceAccountId: claims.sub, clientId: claims.clientId, scopes };
  }
}
