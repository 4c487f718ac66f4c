import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AuditRelayPort } from '@keyward/audit';
import { AUDIT_RELAY } from '../audit/audit-relay.module';

/**
 * SIGTERM, in order: stop accepting connections and let in-flight requests finish (new requests on
 * kept-alive connections get 503 with `Connection: close`), let the embedded relay publish every event
 * up to the store head, then close the rest (relay checkpoint, projections, store). All of it within
 * `timeoutMs`; past that the process exits anyway. Resolves to the exit code: 0 when nothing was cut short.
 */
export async function shutDownGracefully(app: NestFastifyApplication, timeoutMs: number, logger = new Logger('Shutdown')): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const left = () => Math.max(0, deadline - performance.now());
  logger.log({ msg: 'shutting down: no new connections, finishing in-flight requests', timeoutMs });
  let clean = await finishes(app.getHttpAdapter().close(), left());
  if (!clean) logger.warn({ msg: 'in-flight requests did not finish in time; closing their connections' });
  app.getHttpServer().closeAllConnections();
  const relay = app.get<AuditRelayPort | null>(AUDIT_RELAY, { strict: false });
  if (relay) {
    const flushed = await finishes(relay.waitUntilProcessed(undefined, Math.max(1, left())), left());
    if (!flushed)
      logger.warn({ msg: 'the audit relay did not publish up to the store head in time; the next start resumes from its checkpoint' });
    clean &&= flushed;
  }
  clean = (await finishes(app.close(), Math.max(1000, left()))) && clean;
  logger.log({ msg: clean ? 'shut down cleanly' : 'shut down with work cut short' });
  return clean ? 0 : 1;
}

async function finishes(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
