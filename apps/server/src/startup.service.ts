import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ProjectionRunner } from '@keyward/projections';
import { SigningKeyService } from './signing-keys/signing-key.service';

/** Order matters: read models catch up with the store, then a signing key is ensured, then the server listens. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly signingKeys: SigningKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    await this.signingKeys.ensureActiveKey();
  }
}
