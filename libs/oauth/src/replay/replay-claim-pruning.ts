import type { JtiClaimed } from '@keyward/domain';
import { truncateStreamHead, type EventStore, type RecordedEvent } from '@keyward/event-store';
import { CLAIM_HORIZON_SECONDS, CLOCK_SKEW_MS, type JtiKind } from './replay-guard';

/**
 * Truncates the expired head of claims streams (`replay_claims-{org}.{kind}.{bucket}`): a claim older than
 * its kind's horizon (plus clock skew) can no longer decide anything, since the token carrying it is
 * refused by its time claims. claimedAt only grows along a stream (within the skew), so the binary search
 * of truncateStreamHead applies. SQLite deletes the rows at once; EventStoreDB hides them by $tb and its
 * scavenge reclaims them, except each stream's last event: a fixed few per organization.
 */
export async function pruneReplayClaims(store: EventStore, streams: readonly string[], now: Date): Promise<number> {
  let truncated = 0;
  for (const stream of streams) {
    const kind = stream.split('.').at(-2) as JtiKind;
    const horizon = CLAIM_HORIZON_SECONDS[kind];
    if (horizon === undefined) continue;
    const cutoff = now.getTime() - horizon * 1000 - CLOCK_SKEW_MS;
    const keep = (event: RecordedEvent) => (event.data as JtiClaimed['data']).claimedAt >= cutoff;
    truncated += (await truncateStreamHead(store, stream, keep)).truncated;
  }
  return truncated;
}
