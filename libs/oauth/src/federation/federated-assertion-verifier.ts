import { brokenClaimCondition, subjectMatches, type FederationTrust } from '@keyward/domain';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { InvalidClient } from '../errors/oauth-errors';
import { FederationIssuerUnavailable } from './federation-issuer-unavailable';
import type { ReplayGuard } from '../replay/replay-guard';
import { IssuerKeyUnavailable, type IssuerKeySets } from './issuer-key-sets';

/**
 * Asymmetric algorithms only (RFC 8725 §3.1-3.2): `none` proves nothing, and an HMAC would need a secret
 * shared with the provider, which is what federation removes (and invites the RSA-key-as-HMAC-secret confusion).
 */
export const FEDERATION_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;
export const FEDERATION_CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ASSERTION_CHARS = 16 * 1024;
const MAX_JTI_CHARS = 256;

/** Who the provider said the workload is: recorded on AccessTokenIssued. */
export interface FederatedIdentity {
  readonly issuer: string;
  readonly subject: string;
}

export interface FederatedClient {
  readonly clientId: string;
  readonly organizationId: string;
  readonly trust: FederationTrust;
}

/**
 * Workload identity federation (RFC 7523 §2.2 client assertion issued by a trusted external provider):
 * cheap checks on the unverified token first (size, alg, iss, so nothing is fetched for a provider the
 * credential does not trust), then signature and time claims (jose), then subject, claim conditions and
 * single use. Every refusal is invalid_client; `reason` says which check failed, for the audit trail.
 */
export class FederatedAssertionVerifier {
  private readonly keySets: IssuerKeySets;
  private readonly replays: ReplayGuard;
  private readonly issuer: string;
  private readonly clock: () => Date;

  constructor(props: {
    readonly keySets: IssuerKeySets;
    readonly replays: ReplayGuard;
    readonly issuer: string;
    readonly clock: () => Date;
  }) {
    ({ keySets: this.keySets, replays: this.replays, issuer: this.issuer, clock: this.clock } = props);
  }

  async verify(assertion: string, client: FederatedClient): Promise<FederatedIdentity> {
    const { trust } = client;
    const header = readHeader(assertion);
    if (!(FEDERATION_ALGORITHMS as readonly unknown[]).includes(header.alg)) throw refuse('federation_alg_not_allowed');
    if (decodeJwt(assertion).iss !== trust.issuer) throw refuse('federation_issuer_mismatch');

    const now = this.clock();
    const payload = await this.verifySignatureAndTimes(assertion, trust, now);
    if (!subjectMatches(trust.subject, payload.sub!)) throw refuse('federation_subject_mismatch');
    const broken = brokenClaimCondition(trust.claims, payload);
    // The refusal list is closed: the claim that failed (config, not request text) is not in the code.
    if (broken !== undefined) throw refuse('federation_claim_mismatch');
    if (!trust.allowTokenReuse) await this.useOnce(client, payload);
    return { issuer: trust.issuer, subject: payload.sub! };
  }

  private async verifySignatureAndTimes(assertion: string, trust: FederationTrust, now: Date): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(assertion, this.keySets.keyFunction(trust.issuer), {
        algorithms: [...FEDERATION_ALGORITHMS],
        issuer: trust.issuer,
        // Tokens minted for another relying party must not work here (RFC 7523 §3 item 3).
        audience: trust.audience ?? this.issuer,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: trust.maxTokenAgeSeconds,
        clockTolerance: FEDERATION_CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      });
      return payload;
    } catch (error) {
      throw toRefusal(error);
    }
  }

  /** RFC 7523 §3 item 7: a jti is used once while the token could still be accepted. */
  private async useOnce({ clientId, organizationId, trust }: FederatedClient, payload: JWTPayload): Promise<void> {
    const jti = payload.jti;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_CHARS) throw refuse('federation_jti_missing');
    // Remembered until exp or the end of the max age, whichever is first: after that the token is refused anyway.
    const acceptableUntilSeconds = Math.min(payload.exp!, payload.iat! + trust.maxTokenAgeSeconds) + FEDERATION_CLOCK_TOLERANCE_SECONDS;
    const verdict = await this.replays.claim({
      organizationId,
      kind: 'federated',
      scope: `${clientId}\u0000${trust.issuer}`,
      jti,
      until: new Date(acceptableUntilSeconds * 1000),
    });
    if (verdict === 'replayed') throw refuse('federation_token_replayed');
  }
}

function readHeader(assertion: string): { alg: unknown } {
  if (assertion.length > MAX_ASSERTION_CHARS || assertion.split('.').length !== 3) throw refuse('federation_malformed_assertion');
  try {
    const header = decodeProtectedHeader(assertion);
    decodeJwt(assertion);
    return { alg: header.alg };
  } catch {
    throw refuse('federation_malformed_assertion');
  }
}

function toRefusal(error: unknown): Error {
  if (error instanceof IssuerKeyUnavailable)
    return error.providerDown ? new FederationIssuerUnavailable(error.reason) : refuse(`federation_${error.reason}`);
  // jose names a too-old iat (maxTokenAge) JWTExpired too; its claim tells them apart.
  if (error instanceof errors.JWTExpired) return refuse(error.claim === 'iat' ? 'federation_token_too_old' : 'federation_token_expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing')
      return refuse(error.claim === 'sub' ? 'federation_subject_missing' : `federation_${error.claim}_missing`);
    return refuse(CLAIM_REASONS[error.claim] ?? 'federation_malformed_assertion');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('federation_signature_invalid');
  if (error instanceof errors.JOSEAlgNotAllowed) return refuse('federation_alg_not_allowed');
  if (error instanceof errors.JWKSMultipleMatchingKeys) return refuse('federation_kid_ambiguous');
  return refuse('federation_malformed_assertion');
}

const CLAIM_REASONS: Readonly<Record<string, string>> = {
  iss: 'federation_issuer_mismatch',
  aud: 'federation_audience_mismatch',
  nbf: 'federation_token_not_yet_valid',
  iat: 'federation_token_issued_in_future',
};

const refuse = (reason: string) => new InvalidClient(reason, false);
