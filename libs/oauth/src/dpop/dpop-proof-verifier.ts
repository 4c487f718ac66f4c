import { CLIENT_SIGNING_ALGORITHMS, isClientSigningAlgorithm } from '@keyward/domain';
import type { KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { InvalidDPoPProof } from '../errors/oauth-errors';
import type { ReplayGuard } from '../replay/replay-guard';
import { keyFitsAlgorithm, publicKeyObject, rsaKeyProblem } from '../private-key-jwt/public-key-objects';

export const DPOP_SIGNING_ALGORITHMS = CLIENT_SIGNING_ALGORITHMS;
/** RFC 9449 §4.3 item 11: proofs are accepted within a window around their iat; §11.1 suggests a short one. */
export const DPOP_IAT_WINDOW_SECONDS = 300;
export const DPOP_CLOCK_TOLERANCE_SECONDS = 30;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

export interface VerifiedDPoPProof {
  /** RFC 7638 SHA-256 thumbprint of the proof's key, bound into the token as cnf.jkt (RFC 9449 §6.1). */
  readonly jkt: string;
}

export interface DPoPProofVerifierDeps {
  readonly replays: ReplayGuard;
  readonly clock: () => Date;
}

/** The authenticated client presenting the proof: its organization's bound counts the proof's jti. */
export interface DPoPPresenter {
  readonly clientId: string;
  readonly organizationId: string;
}

/** RFC 9449 §4.3: the checks of a DPoP proof presented at the token endpoint. */
export class DPoPProofVerifier {
  constructor(private readonly deps: DPoPProofVerifierDeps) {}

  /** Undefined when the request carries no DPoP header (a Bearer token request). */
  async verify(
    header: string | string[] | undefined,
    htm: string,
    htu: string,
    client: DPoPPresenter,
  ): Promise<VerifiedDPoPProof | undefined> {
    if (header === undefined) return undefined;
    // §4.3 item 1: exactly one DPoP header (Node joins repeated headers with ", ").
    if (Array.isArray(header) || header.includes(',')) throw refuse('dpop_multiple_headers', 'send exactly one DPoP header');
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(header)) throw refuse('dpop_malformed', 'the DPoP proof is not a JWS in compact serialization');
    let protectedHeader: ReturnType<typeof decodeProtectedHeader>;
    try {
      protectedHeader = decodeProtectedHeader(header);
    } catch {
      throw refuse('dpop_malformed', 'the DPoP proof header is not valid JSON');
    }
    // §4.3 items 4-7: typ dpop+jwt, an asymmetric alg we support, a public jwk in the header.
    if (protectedHeader.typ !== 'dpop+jwt') throw refuse('dpop_typ', 'the DPoP proof must have typ dpop+jwt');
    const alg = protectedHeader.alg;
    if (!isClientSigningAlgorithm(alg)) throw refuse('dpop_alg', `the DPoP proof alg must be one of ${DPOP_SIGNING_ALGORITHMS.join(', ')}`);
    const jwk = protectedHeader.jwk as JWK | undefined;
    if (!jwk || typeof jwk !== 'object') throw refuse('dpop_jwk_missing', 'the DPoP proof must carry its public key in the jwk header');
    if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw refuse('dpop_jwk_private', 'the jwk header must hold a public key only');
    if (!keyFitsAlgorithm(jwk as Record<string, unknown>, alg)) throw refuse('dpop_jwk_alg', 'the jwk does not fit the alg');
    if (rsaKeyProblem(importedOrRefused(jwk))) throw refuse('dpop_jwk_weak', 'RSA proof keys must be 2048 to 8192 bits with e = 65537');

    const now = this.deps.clock();
    const payload = await this.verifySignature(header, jwk, alg, now);
    // §4.3 items 8-9: the method and the URI of this request, ignoring query and fragment.
    if (payload.htm !== htm) throw refuse('dpop_htm', `htm must be ${htm}`);
    if (typeof payload.htu !== 'string' || !sameUri(payload.htu, htu)) throw refuse('dpop_htu', `htu must be ${htu}`);
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 256)
      throw refuse('dpop_jti', 'the DPoP proof needs a jti');
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const iat = payload.iat;
    // §4.3 item 11: iat within an acceptable window.
    if (typeof iat !== 'number' || iat > nowSeconds + DPOP_CLOCK_TOLERANCE_SECONDS || iat < nowSeconds - DPOP_IAT_WINDOW_SECONDS) {
      throw refuse('dpop_iat', 'the DPoP proof iat is outside the accepted window');
    }
    const jkt = await calculateJwkThumbprint(jwk, 'sha256');
    // §11.1: a proof is used once; remembered until it leaves the iat window.
    const verdict = await this.deps.replays.claim({
      organizationId: client.organizationId,
      kind: 'dpop',
      scope: `${client.clientId}\u0000${jkt}`,
      jti: payload.jti,
      until: new Date((iat + DPOP_IAT_WINDOW_SECONDS + DPOP_CLOCK_TOLERANCE_SECONDS) * 1000),
    });
    if (verdict === 'replayed') throw refuse('dpop_jti_replayed', 'this DPoP proof was already used');
    return { jkt };
  }

  private async verifySignature(proof: string, jwk: JWK, alg: string, now: Date): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(proof, publicKeyObject(jwk as Record<string, unknown>), {
        typ: 'dpop+jwt',
        algorithms: [alg],
        requiredClaims: ['jti', 'iat'],
        clockTolerance: DPOP_CLOCK_TOLERANCE_SECONDS,
        currentDate: now,
      });
      return payload;
    } catch {
      throw refuse('dpop_signature', 'the DPoP proof signature or claims are invalid');
    }
  }
}

function sameUri(claimed: string, expected: string): boolean {
  try {
    const a = new URL(claimed);
    const b = new URL(expected);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

const refuse = (reason: string, description: string) => new InvalidDPoPProof(description, reason);

function importedOrRefused(jwk: JWK): KeyObject {
  try {
    return publicKeyObject(jwk as Record<string, unknown>);
  } catch {
    throw refuse('dpop_jwk_invalid', 'the jwk header is not a valid public key');
  }
}
