import type { EventStore, GlobalPosition } from '@keyward/event-store';

export interface RelayLag {
  readonly events: number;
  /** More than `limit` events behind: `events` is the limit. */
  readonly capped: boolean;
  readonly ms: number;
}

/**
 * Counts the events after `processed` by reading them (capped), because global positions are dense
 * in SQLite but byte offsets in EventStoreDB: head minus processed counts events only in the first.
 */
export async function measureRelayLag(
  store: EventStore,
  processed: GlobalPosition | undefined,
  limit: number,
  now: number,
): Promise<RelayLag> {
  const behind = await store.readAll({ ...(processed === undefined ? {} : { after: processed }), maxCount: limit + 1 });
  const oldest = behind[0];
  return {
    events: Math.min(behind.length, limit),
    capped: behind.length > limit,
    ms: oldest ? Math.max(0, now - oldest.recordedAt.getTime()) : 0,
  };
}
