import { type LogEntry, logLevel } from 'kafkajs';
import type { RelayLogger } from '../../relay/relay-logger';

// The relay deliberately bounds the idempotent producer's retries (it retries whole batches itself
// and consumers dedupe by id), so this kafkajs warning says nothing an operator can act on.
const EXPECTED = /Limiting retries for the idempotent producer/;

/** kafkajs warnings and errors into the relay's logger (TLS and SASL failures show up only here). */
export function kafkajsLogCreator(logger: RelayLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      if (EXPECTED.test(message)) return;
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn({ kafkajs: namespace, ...fields }, message);
    };
}
