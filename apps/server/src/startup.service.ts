import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@keyward/event-store';
import { ProjectionRunner } from '@keyward/projections';
import { EVENT_STORE, SigningKeyService } from '@keyward/application';
import { replayWithProgress } from './read-models/replay-progress';

/** Order matters: read models catch up with the store, then a signing key is ensured, then the server listens. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly signingKeys: SigningKeyService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await replayWithProgress(this.projections, await this.store.headPosition());
    await this.signingKeys.ensureActiveKey();
  }
}
