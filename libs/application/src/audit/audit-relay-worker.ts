import { parentPort, workerData } from 'node:worker_threads';
import type { AuditSinkTarget, RelayLogger } from '@keyward/audit';
import { openConfiguredEventStore } from '../core/event-store.factory';
import type { AuditRelayWorkerData, FromRelayThread, ToRelayThread } from './audit-relay-thread.messages';
import { createConfiguredAuditRelay } from './configured-audit-relay';

/**
 * The relay thread (ThreadedAuditRelay starts it): the same AuditRelay as in-process, on its own store
 * connection, so reading, mapping and publishing every event costs the token endpoint's event loop nothing.
 * It logs through the main thread, whose logger the operator configured.
 */
const port = parentPort!;
const data = workerData as AuditRelayWorkerData;
const send = (message: FromRelayThread) => port.postMessage(message);

const logTo =
  (level: 'info' | 'warn' | 'error') =>
  (fields: object, message: string): void => {
    try {
      send({ kind: 'log', level, fields, message });
    } catch {
      // A field that cannot be cloned (a function, a socket): its text is enough for a log line.
      send({
        kind: 'log',
        level,
        fields: JSON.parse(JSON.stringify(fields, (_, value) => (typeof value === 'bigint' ? `${value}` : value))),
        message,
      });
    }
  };
const logger: RelayLogger = { info: logTo('info'), warn: logTo('warn'), error: logTo('error') };

// Structured cloning turned the Buffers into Uint8Arrays.
const config = { ...data.config, keyEncryptionKey: Buffer.from(data.config.keyEncryptionKey) };
const sinkTarget: AuditSinkTarget =
  data.sinkTarget.kind === 'kafka' && data.sinkTarget.kafka.sslCa instanceof Uint8Array
    ? { ...data.sinkTarget, kafka: { ...data.sinkTarget.kafka, sslCa: Buffer.from(data.sinkTarget.kafka.sslCa) } }
    : data.sinkTarget;

// On SQLite the server's commits reach this thread as they are committed (the writer thread broadcasts
// them), rather than by polling the file and reading every event back.
const store = openConfiguredEventStore(config, undefined, { liveCommitsFromThisProcess: true });
const relay = createConfiguredAuditRelay({
  config,
  store,
  logger,
  sinkTarget,
  onFatal: (error) => send({ kind: 'fatal', name: error.name, message: error.message }),
});
const metricsTimer = setInterval(() => send({ kind: 'metrics', metrics: relay.metrics }), data.metricsIntervalMs);

port.on('message', (message: ToRelayThread) => {
  switch (message.kind) {
    case 'wait':
      // The main thread keeps the deadline; a wait that times out here has timed out there too.
      relay.waitUntilProcessed(message.target, message.timeoutMs).then(
        () => send({ kind: 'reached', id: message.id, metrics: relay.metrics }),
        () => undefined,
      );
      return;
    case 'measure-lag':
      relay.measureLag().then(
        (metrics) => send({ kind: 'lag', id: message.id, metrics }),
        () => send({ kind: 'lag', id: message.id, metrics: relay.metrics }),
      );
      return;
    case 'stop':
      void stop();
      return;
    default: {
      const unknown: never = message;
      throw new Error(`unknown message to the relay thread: ${JSON.stringify(unknown)}`);
    }
  }
});

async function stop(): Promise<void> {
  clearInterval(metricsTimer);
  await relay.stop();
  await store.close().catch((error: Error) => logger.warn({ err: error.message }, 'audit relay thread: closing its store failed'));
  send({ kind: 'stopped', metrics: relay.metrics });
}

relay.start();
send({ kind: 'metrics', metrics: relay.metrics });
