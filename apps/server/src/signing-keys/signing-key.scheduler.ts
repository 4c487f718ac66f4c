import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SigningKeyService } from './signing-key.service';

export const SIGNING_KEY_TICK_MS = 60_000;

/** Runs the key lifecycle every minute: a pending key signs within a minute of its activation time. */
@Injectable()
export class SigningKeyScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SigningKeys');
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: SigningKeyService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.keys.tick().catch((error: unknown) => this.logger.warn(`signing key tick failed: ${(error as Error).message}`));
    }, SIGNING_KEY_TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
