import { readPublishedPosition } from '@keyward/audit';
import { tokenIssuanceStream } from '@keyward/domain';
import { truncateStreamHead, type EventStore, type GlobalPosition, type RecordedEvent } from '@keyward/event-store';

export interface TokenHistoryRetentionOptions {
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly retentionDays: number;
  /** Whose `token_issuance-{id}` streams to prune; `token_issuance-unknown` always is. */
  readonly organizationIds: () => Iterable<string>;
  /** Revisions per truncation step (SQLite deletes them in one transaction). */
  readonly step?: number;
}

export interface RetentionRun {
  /** Undefined when the relay never checkpointed: then nothing may go. */
  readonly publishedUpTo: GlobalPosition | undefined;
  readonly cutoff: Date;
  readonly streams: number;
  readonly truncated: number;
}

const DAY_MS = 86_400_000;

/**
 * Token history (the `token_issuance-*` streams) is kept for the retention window and at least until
 * the audit relay published it; entity streams are never touched. The store's own truncation does the
 * rest: SQLite deletes the rows and gives their pages back (incremental vacuum); EventStoreDB records
 * `$tb` and its scavenge reclaims the space. `$maxAge` alone could not wait for the relay: it ages
 * events out by the clock even while the relay is down, and nothing may be lost.
 */
export class TokenHistoryRetention {
  constructor(private readonly options: TokenHistoryRetentionOptions) {}

  async run(): Promise<RetentionRun> {
    const { store, clock, retentionDays, step } = this.options;
    const cutoff = new Date(clock().getTime() - retentionDays * DAY_MS);
    const publishedUpTo = await readPublishedPosition(store);
    const streams = [tokenIssuanceStream(undefined), ...[...this.options.organizationIds()].map(tokenIssuanceStream)];
    if (publishedUpTo === undefined) return { publishedUpTo, cutoff, streams: streams.length, truncated: 0 };
    // Kept while inside the window or not yet on the audit topic; both only move forward in a stream.
    const keep = (event: RecordedEvent) => event.recordedAt >= cutoff || event.position > publishedUpTo;
    let truncated = 0;
    for (const stream of streams) truncated += (await truncateStreamHead(store, stream, keep, step)).truncated;
    return { publishedUpTo, cutoff, streams: streams.length, truncated };
  }
}
