import type { JtiClaimed } from '@keyward/domain';
import type { EventStore, RecordedEvent } from '@keyward/event-store';

type Claimed = JtiClaimed['data'];
const PAGE = 256;

/**
 * A stream's claims from its end backwards, one page at a time, down to the first claim made before
 * `cutoffMs` (claimedAt only grows along a stream, within the clock skew the cutoff allows for), and its
 * last revision: the expected revision of the next claim.
 */
export async function readRecentClaims(
  store: EventStore,
  stream: string,
  cutoffMs: number,
): Promise<{ readonly lastRevision: number | 'no_stream'; readonly claims: Claimed[] }> {
  let lastRevision: number | 'no_stream' = 'no_stream';
  const claims: Claimed[] = [];
  for (let from: number | undefined; ;) {
    const page = await store.readStream(stream, {
      direction: 'backwards',
      maxCount: PAGE,
      ...(from === undefined ? {} : { fromRevision: from }),
    });
    if (from === undefined && page.length > 0) lastRevision = page[0]!.revision;
    let reachedCutoff = false;
    for (const event of page) {
      const data = claimedData(event);
      if (data.claimedAt < cutoffMs) reachedCutoff = true;
      else claims.push(data);
    }
    const oldest = page.at(-1);
    if (reachedCutoff || page.length < PAGE || oldest === undefined || oldest.revision === 0) return { lastRevision, claims };
    from = oldest.revision - 1;
  }
}

/** The claims from revision `from` on, and the revision after the last one read (`from` when none). */
export async function readClaimsFrom(
  store: EventStore,
  stream: string,
  from: number,
): Promise<{ readonly claims: Claimed[]; readonly next: number }> {
  const claims: Claimed[] = [];
  let next = from;
  for (;;) {
    const page = await store.readStream(stream, { fromRevision: next, maxCount: PAGE });
    for (const event of page) {
      claims.push(claimedData(event));
      next = event.revision + 1;
    }
    if (page.length < PAGE) return { claims, next };
  }
}

const claimedData = (event: RecordedEvent): Claimed => event.data as Claimed;
