import { Injectable } from '@nestjs/common';
import { PeriodicJob } from '../core/periodic-job';
import { SigningKeyService } from './signing-key.service';

export const SIGNING_KEY_TICK_MS = 60_000;

/** Runs the key lifecycle every minute: a pending key signs within a minute of its activation time. */
@Injectable()
export class SigningKeyScheduler extends PeriodicJob {
  constructor(private readonly keys: SigningKeyService) {
    super('SigningKeys', SIGNING_KEY_TICK_MS);
  }

  protected runOnce(): Promise<unknown> {
    return this.keys.tick();
  }
}
