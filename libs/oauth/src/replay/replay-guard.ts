/**
 * One-time use of a `jti` (RFC 7523 §3 item 7 for client assertions, RFC 9449 §11.1 for DPoP proofs) until
 * the instant after which the token carrying it is refused by its own time claims anyway.
 */
export interface ReplayGuard {
  /** 'claimed' the first time; 'replayed' while an earlier claim of the same scope and jti is unexpired. */
  claim(claim: JtiClaim): Promise<ClaimVerdict>;
}

export type ClaimVerdict = 'claimed' | 'replayed';

/** What is claimed: a family of one-time identifiers, each kept for a bounded time. */
export type JtiKind = 'assertion' | 'dpop' | 'federated';

export interface JtiClaim {
  /** Whose bound the claim counts against: one organization filling its share is refused alone. */
  readonly organizationId: string;
  readonly kind: JtiKind;
  /** The namespace of the jti: the client (assertions), the client and proof key (DPoP), the client and issuer (federated). */
  readonly scope: string;
  readonly jti: string;
  /** The jti stays used until then. */
  readonly until: Date;
}

/**
 * The longest time between a claim and its `until`, per kind: an assertion lives at most 5 min (+30 s
 * tolerance, +30 s kept after exp), a DPoP proof's iat window is 5 min (+30 s either side), a federated
 * token at most its trust's maxTokenAgeSeconds (≤ 1 day) + 30 s. A replica that has not seen a tenant's
 * claims yet reads back this far, and no further.
 */
export const CLAIM_HORIZON_SECONDS: Readonly<Record<JtiKind, number>> = {
  assertion: 360,
  dpop: 360,
  federated: 86_430,
};

/** Replicas' clocks differ: a claim is read back, and kept by pruning, a minute longer than its horizon. */
export const CLOCK_SKEW_MS = 60_000;
