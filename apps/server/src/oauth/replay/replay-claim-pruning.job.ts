import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@keyward/event-store';
import { EventStoreReplayGuard, pruneReplayClaims } from '@keyward/oauth';
import { CLOCK, type Clock, EVENT_STORE, PeriodicJob } from '@keyward/application';

/** Claims expire within minutes (CLAIM_HORIZON_SECONDS); pruning every five keeps each stream to a few minutes of claims. */
export const REPLAY_CLAIM_PRUNING_INTERVAL_MS = 5 * 60_000;

/** Truncates the expired claims of the streams this replica appended to (replicas prune what they wrote). */
@Injectable()
export class ReplayClaimPruningJob extends PeriodicJob {
  constructor(
    private readonly guard: EventStoreReplayGuard,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('ReplayClaimPruning', REPLAY_CLAIM_PRUNING_INTERVAL_MS);
  }

  async runOnce(): Promise<number> {
    const streams = this.guard.takeTouchedStreams();
    try {
      return await pruneReplayClaims(this.store, streams, this.clock());
    } catch (error) {
      this.guard.retouch(streams);
      throw error;
    }
  }
}
