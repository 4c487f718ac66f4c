import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { auditDestination, describeAuditDestination, InvalidConfig, loadConfig } from '@keyward/config';
import { createLogger, PinoNestLogger } from '@keyward/logging';
import { createConfiguredAuditRelay, nestRelayLogger, openConfiguredEventStore } from '@keyward/application';

/**
 * The audit relay on its own (`npm run start:relay`), for deployments that run the servers with
 * AUDIT_RELAY=off. Run exactly one: a second one is fenced off by the checkpoint stream's revision
 * and exits. It logs its lag and throughput every 10 s.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(new PinoNestLogger(createLogger({ level: config.logLevel, format: config.logFormat }, 'keyward-audit-relay')));
  const logger = new Logger('audit-relay');
  const store = openConfiguredEventStore(config);
  let stopping = false;
  const relay = createConfiguredAuditRelay({
    config,
    store,
    logger: nestRelayLogger(),
    onFatal: (error) => {
      logger.error(`stopped for good: ${error.message}`);
      void shutdown(1);
    },
  });
  async function shutdown(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    // As the server's graceful shutdown does: publish up to the store's head first (within SHUTDOWN_TIMEOUT_MS),
    // so a stop loses nothing and the next start has nothing to catch up.
    if (code === 0) {
      await relay
        .waitUntilProcessed(undefined, Math.max(1, config.shutdownTimeoutMs))
        .catch((error: Error) =>
          logger.warn(`not published up to the store head before stopping (${error.message}); the next start resumes from the checkpoint`),
        );
    }
    await relay.stop();
    await store.close();
    process.exit(code);
  }
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
  relay.start();
  logger.log(`relaying ${config.eventStore.kind} events to ${describeAuditDestination(auditDestination(config))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfig ? error.message : error);
  process.exit(1);
});
