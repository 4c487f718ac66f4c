import { isClientSigningAlgorithm, type ClientPublicJwk } from '@keyward/domain';
import type { ClientCredentialLookup, KeyClientView } from '@keyward/projections';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { InvalidClient } from '../errors/oauth-errors';
import type { ReplayGuard } from '../replay/replay-guard';
import { keyFitsAlgorithm, publicKeyObject } from './public-key-objects';

/** RFC 7523 §3 lets the server bound an assertion's lifetime: at most 5 minutes ahead. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
export const ASSERTION_CLOCK_TOLERANCE_SECONDS = 30;

export interface ClientAssertionSettings {
  readonly issuer: string;
  readonly tokenEndpoint: string;
}

export interface ClientAssertionVerifierDeps {
  readonly credentials: ClientCredentialLookup;
  readonly replays: ReplayGuard;
  readonly settings: ClientAssertionSettings;
  readonly clock: () => Date;
}

/**
 * private_key_jwt (RFC 7523 §2.2, §3; OpenID Connect Core §9). Every refusal is invalid_client (RFC 7521
 * §4.2.1) with the same description; the reason differs only in the audit trail. Replay protection runs
 * after the signature check, so nobody can fill the cache with jti values of assertions they cannot sign.
 */
export class ClientAssertionVerifier {
  constructor(private readonly deps: ClientAssertionVerifierDeps) {}

  async verify(assertion: string, claimedClientId: string | undefined, endpointUrl: string): Promise<KeyClientView> {
    const { alg, kid, clientId } = readUnverified(assertion);
    if (!isClientSigningAlgorithm(alg)) throw refuse('assertion_alg_not_allowed');
    if (claimedClientId !== undefined && claimedClientId !== clientId) throw refuse('assertion_client_id_mismatch');
    const credential = this.deps.credentials.findByClientId(clientId);
    if (!credential) throw refuse('unknown_client');
    if (credential.tokenEndpointAuthMethod !== 'private_key_jwt') throw refuse('auth_method_not_registered');
    const keys = candidateKeys(credential.publicKeys, kid, alg);
    if (keys.length === 0) throw refuse(kid === undefined ? 'no_key_for_alg' : 'unknown_kid');

    const now = this.deps.clock();
    const payload = await this.verifySignature(assertion, keys, alg, clientId, endpointUrl, now);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (payload.exp! > nowSeconds + MAX_ASSERTION_LIFETIME_SECONDS + ASSERTION_CLOCK_TOLERANCE_SECONDS)
      throw refuse('assertion_exp_too_far');
    if (payload.iat !== undefined && payload.iat > nowSeconds + ASSERTION_CLOCK_TOLERANCE_SECONDS) throw refuse('assertion_iat_in_future');
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 256) throw refuse('assertion_jti_invalid');
    // RFC 7523 §3 item 7: the jti is used once, at least until the assertion expires.
    const verdict = await this.deps.replays.claim({
      organizationId: credential.organizationId,
      kind: 'assertion',
      scope: clientId,
      jti: payload.jti,
      until: new Date((payload.exp! + ASSERTION_CLOCK_TOLERANCE_SECONDS) * 1000),
    });
    if (verdict === 'replayed') throw refuse('assertion_replayed');
    return credential;
  }

  private async verifySignature(
    assertion: string,
    keys: readonly ClientPublicJwk[],
    alg: string,
    clientId: string,
    endpointUrl: string,
    now: Date,
  ): Promise<JWTPayload> {
    let lastError: unknown;
    for (const key of keys) {
      try {
        const { payload } = await jwtVerify(assertion, publicKeyObject(key), {
          algorithms: [alg],
          // RFC 7523 §3 items 1-3: iss and sub are the client_id; aud identifies this server.
          issuer: clientId,
          subject: clientId,
          audience: [this.deps.settings.issuer, this.deps.settings.tokenEndpoint, endpointUrl],
          requiredClaims: ['exp', 'jti'],
          clockTolerance: ASSERTION_CLOCK_TOLERANCE_SECONDS,
          currentDate: now,
        });
        return payload;
      } catch (error) {
        lastError = error;
      }
    }
    throw refuse(reasonOf(lastError));
  }
}

/** JWT (RFC 7519 §5.1) and client-authentication+jwt (draft-ietf-oauth-rfc7523bis); absent is allowed. */
const ASSERTION_TYPES = ['jwt', 'client-authentication+jwt'];

function readUnverified(assertion: string): { alg: unknown; kid: string | undefined; clientId: string } {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    payload = decodeJwt(assertion);
  } catch {
    throw refuse('malformed_assertion');
  }
  if (assertion.split('.').length !== 3) throw refuse('malformed_assertion');
  if (typeof payload.iss !== 'string' || typeof payload.sub !== 'string' || payload.iss === '') throw refuse('assertion_iss_sub_missing');
  if (payload.iss !== payload.sub) throw refuse('assertion_iss_sub_mismatch');
  // RFC 7515 §4.1.9: typ is compared ignoring case and an "application/" prefix. An assertion typed as
  // another kind of JWT (an access token, a DPoP proof) is not a client assertion.
  if (
    header.typ !== undefined &&
    !ASSERTION_TYPES.includes(
      String(header.typ)
        .toLowerCase()
        .replace(/^application\//, ''),
    )
  )
    throw refuse('assertion_typ_invalid');
  // The audience-injection hardening of RFC 7523 (draft-ietf-oauth-rfc7523bis §4): exactly one audience.
  // An array naming this server beside other values could have been minted for another server and replayed here.
  if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw refuse('assertion_aud_invalid');
  return { alg: header.alg, kid: typeof header.kid === 'string' ? header.kid : undefined, clientId: payload.sub };
}

/**
 * At most one key is tried: the one the kid names (kids are unique per client), or without a kid the
 * newest key fitting the alg. Trying every key would let one unauthenticated assertion cost ten
 * signature checks.
 */
function candidateKeys(keys: readonly ClientPublicJwk[], kid: string | undefined, alg: string): ClientPublicJwk[] {
  const fitting = keys.filter((key) => (kid === undefined || key.kid === kid) && keyFitsAlgorithm(key, alg));
  return fitting.slice(-1);
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'assertion_expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `assertion_${error.claim}_invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'assertion_signature_invalid';
  return 'malformed_assertion';
}

const refuse = (reason: string) => new InvalidClient(reason, false);
