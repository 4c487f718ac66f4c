import { randomUUID } from 'node:crypto';
import { replayClaimStream, type JtiClaimed } from '@keyward/domain';
import { WrongExpectedRevision, type EventStore } from '@keyward/event-store';
import { TemporarilyUnavailable } from '../errors/oauth-errors';
import { claimKey } from './claim-key';
import { ClaimStream } from './claim-stream';
import { readClaimsFrom, readRecentClaims } from './claim-stream-reads';
import { CLAIM_HORIZON_SECONDS, CLOCK_SKEW_MS, type ClaimVerdict, type JtiClaim, type ReplayGuard } from './replay-guard';
import { TenantClaims } from './tenant-claims';

export interface EventStoreReplayGuardDeps {
  readonly store: EventStore;
  readonly clock: () => Date;
  /** Live claims one organization may hold, counted over every replica (they share the streams). */
  readonly maxPerOrganization: number;
  /** Streams per organization and kind: claims of one stream are appended one at a time. Default 8. */
  readonly buckets?: number;
}

// A conflict means another replica claimed in the same stream; after a few in a row, answer 503.
const ATTEMPTS = 4;

/**
 * Replay protection that holds across replicas, on any EventStore (SQLite, EventStoreDB). A claim is an
 * append of JtiClaimed with the stream's expected revision, so it succeeds only if this replica has seen
 * every earlier claim of that stream; on a conflict it reads the claims it missed and decides again.
 *
 * Why not one stream per jti appended with no_stream and a $maxAge: EventStoreDB never reclaims a stream's
 * last event (KurrentDB src/KurrentDB.Core/TransactionLog/Scavenging/Stages/EventCalculator.cs, "keep last
 * event in stream", $maxAge included) and its version check reads the last event number, not what $maxAge
 * hides (Services/Storage/ReaderIndex/IndexWriter.cs CheckCommit): every jti would leave a record, and its
 * metadata document, forever. Here each organization has a fixed number of streams, the retention job
 * truncates their expired heads, and a scavenge (or SQLite's delete) reclaims them.
 *
 * In memory, the claims this replica knows are the first-level check (a replay it saw costs no I/O) and
 * are bounded per organization (TenantClaims). The store unavailable: EventStoreUnavailable, a 503 (fail closed).
 */
export class EventStoreReplayGuard implements ReplayGuard {
  private readonly claims: TenantClaims;
  private readonly streams = new Map<string, ClaimStream>();
  private readonly touched = new Set<string>();
  private readonly buckets: number;

  constructor(private readonly deps: EventStoreReplayGuardDeps) {
    this.claims = new TenantClaims(deps.maxPerOrganization);
    this.buckets = deps.buckets ?? 8;
  }

  claim(claim: JtiClaim): Promise<ClaimVerdict> {
    const { key, bucketByte } = claimKey(claim);
    const name = replayClaimStream(claim.organizationId, claim.kind, bucketByte % this.buckets);
    let stream = this.streams.get(name);
    if (stream === undefined) this.streams.set(name, (stream = new ClaimStream(name)));
    const known = stream;
    return known.serialized(() => this.claimIn(known, claim, key));
  }

  /** The claims streams this replica appended to since the last call: the pruning job truncates their expired heads. */
  takeTouchedStreams(): string[] {
    const streams = [...this.touched];
    this.touched.clear();
    return streams;
  }

  /** Gives back streams a failed pruning run did not get to. */
  retouch(streams: readonly string[]): void {
    for (const stream of streams) this.touched.add(stream);
  }

  private async claimIn(stream: ClaimStream, claim: JtiClaim, key: string): Promise<ClaimVerdict> {
    const now = this.deps.clock().getTime();
    const { organizationId } = claim;
    try {
      if (stream.revision === undefined) await this.load(stream, claim, now);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        if (this.claims.has(organizationId, key, now)) return 'replayed';
        this.claims.assertRoom(organizationId, now);
        const event: JtiClaimed = { type: 'JtiClaimed', data: { claim: key, until: claim.until.getTime(), claimedAt: now } };
        try {
          const appended = await this.deps.store.append(
            stream.name,
            [
              {
                id: randomUUID(),
                type: event.type,
                data: event.data,
                metadata: { schemaVersion: 1, occurredAt: new Date(now).toISOString() },
              },
            ],
            { expectedRevision: stream.revision! },
          );
          stream.revision = appended.nextExpectedRevision;
          this.claims.add(organizationId, key, event.data.until, now);
          this.touched.add(stream.name);
          return 'claimed';
        } catch (error) {
          if (!(error instanceof WrongExpectedRevision)) throw error;
          await this.catchUp(stream, organizationId, error.actual, now);
        }
      }
      throw new TemporarilyUnavailable('one-time token checks are contended; retry later', 'replay_claims_contended');
    } catch (error) {
      // After a failed or unanswered append the stream may hold our claim or others': read it again next time.
      if (!(error instanceof TemporarilyUnavailable)) stream.revision = undefined;
      throw error;
    }
  }

  private async load(stream: ClaimStream, claim: JtiClaim, now: number): Promise<void> {
    const cutoff = now - CLAIM_HORIZON_SECONDS[claim.kind] * 1000 - CLOCK_SKEW_MS;
    const { lastRevision, claims } = await readRecentClaims(this.deps.store, stream.name, cutoff);
    for (const data of claims) this.claims.add(claim.organizationId, data.claim, data.until, now);
    stream.revision = lastRevision;
  }

  /** After a conflict: the claims appended since our revision, then the revision the store reported. */
  private async catchUp(stream: ClaimStream, organizationId: string, actual: number | 'no_stream', now: number): Promise<void> {
    const from = typeof stream.revision === 'number' ? stream.revision + 1 : 0;
    const { claims, next } = await readClaimsFrom(this.deps.store, stream.name, from);
    for (const data of claims) this.claims.add(organizationId, data.claim, data.until, now);
    // Events below the stream's truncation point are not returned (expired, pruned): the numbering still counts them.
    stream.revision = typeof actual === 'number' ? Math.max(actual, next - 1) : next > 0 ? next - 1 : 'no_stream';
  }
}
