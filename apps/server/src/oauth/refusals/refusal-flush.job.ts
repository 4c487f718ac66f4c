import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { KeywardConfig } from '@keyward/config';
import { TokenRefusalRecorder } from '@keyward/oauth';
import { KEYWARD_CONFIG, PeriodicJob } from '@keyward/application';

/** Records the counted summaries of refusal windows as they close, and all of them at shutdown. */
@Injectable()
export class RefusalFlushJob extends PeriodicJob implements OnApplicationShutdown {
  constructor(
    private readonly refusals: TokenRefusalRecorder,
    @Inject(KEYWARD_CONFIG) config: KeywardConfig,
  ) {
    super('RefusalFlush', Math.max(1000, (config.rateLimits.refusalWindowSeconds * 1000) / 4));
  }

  protected runOnce(): Promise<void> {
    return this.refusals.flush();
  }

  override async onApplicationShutdown(): Promise<void> {
    super.onApplicationShutdown();
    await this.refusals.flush(true);
  }
}
