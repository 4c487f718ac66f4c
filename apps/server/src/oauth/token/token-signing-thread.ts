import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JwsSigningThread } from '@keyward/oauth';

/** The token endpoint's signing thread, closed with the application. */
@Injectable()
export class TokenSigningThread extends JwsSigningThread implements OnApplicationShutdown {
  constructor() {
    const logger = new Logger('TokenSigningThread');
    super((reason) => logger.error(`signing failed: ${reason}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
