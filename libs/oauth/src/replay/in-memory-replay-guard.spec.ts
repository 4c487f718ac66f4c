import { InMemoryReplayGuard } from './in-memory-replay-guard';
import { describeReplayGuardContract } from './replay-guard.contract';

describeReplayGuardContract('in memory', { shared: false }, async (clock) => ({
  guard: (maxPerOrganization) => new InMemoryReplayGuard({ maxPerOrganization, clock: clock.now }),
  dispose: async () => undefined,
}));
