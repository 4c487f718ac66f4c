/**
 * One-time identifiers (a client assertion's or DPoP proof's jti) claimed through the event store, so a
 * second replica refuses what the first accepted. Each organization's claims spread over a few streams
 * per kind (`replay_claims-{orgId}.{kind}.{bucket}`), appended with the expected revision: the revision
 * check makes every replica see a stream's earlier claims before it adds one. Pruned by the
 * ReplayClaimPruningJob. Internal bookkeeping: the audit relay skips these streams, and without an organizationId in
 * their metadata the audit index does not list them.
 */
export interface JtiClaimed {
  readonly type: 'JtiClaimed';
  readonly data: {
    /** 128 bits of SHA-256 over kind, scope and jti (base64url): never the jti itself. */
    readonly claim: string;
    /** Epoch ms: the jti stays used until then. */
    readonly until: number;
    /** Epoch ms, by the claiming replica's clock: how far back a replica reads, and what pruning keeps. */
    readonly claimedAt: number;
  };
}

export const REPLAY_CLAIMS_STREAM_PREFIX = 'replay_claims-';

export const replayClaimStream = (organizationId: string, kind: string, bucket: number): string =>
  `${REPLAY_CLAIMS_STREAM_PREFIX}${organizationId}.${kind}.${bucket}`;

export const isReplayClaimStream = (stream: string): boolean => stream.startsWith(REPLAY_CLAIMS_STREAM_PREFIX);
