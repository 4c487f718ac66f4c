import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig, type KeywardConfig } from '@keyward/config';
import type { Plan } from '@keyward/domain';
import { createApp } from '../../apps/server/src/create-app';
import {
  BootstrapOrganization,
  EVENT_STORE,
  READ_MODEL_CONSISTENCY,
  type BootstrappedOrganization,
  type Clock,
  type ReadModelConsistency,
} from '@keyward/application';
import type { EventStore } from '@keyward/event-store';
import { freePort } from './free-port';
import { esdbForDataDir, STORE_DEADLINES_FOR_TESTS } from '@keyward/testing/esdb-double';

export interface KeywardUnderTest {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly config: KeywardConfig;
  readonly app: NestFastifyApplication;
  /** A new organization with its admin client, as `npm run cli -- bootstrap` makes it. */
  bootstrap(org?: string, plan?: Plan): Promise<BootstrappedOrganization>;
  /**
   * Resolves once this server's read models have applied everything the store holds now: what another
   * process (the CLI) wrote, or what a request recorded without waiting for read models (token issuance).
   * The read models' own waitFor, so no polling; it fails after their 10 s lag timeout.
   */
  readModelsCaughtUp(): Promise<void>;
  stop(): Promise<void>;
  /** stop() and remove the data directory. */
  dispose(): Promise<void>;
}

/**
 * Boots the real HTTP service on a random loopback port over a temporary DATA_DIR (or a given one).
 * With KEYWARD_E2E_EVENT_STORE=esdb (the esdb Jest project) it runs on EventStoreDB: the server named by
 * EVENTSTORE_URL, or a test double kept per DATA_DIR so a restart on the same DATA_DIR keeps its events.
 * An explicit EVENT_STORE in `env` wins (the outage test brings its own double).
 */
export async function startKeyward(options: StartOptions = {}): Promise<KeywardUnderTest> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  // freePort() closes its probe before keyward listens; on a busy machine another process's outgoing
  // connection can take that ephemeral port meanwhile. Then boot again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await bootOnFreePort(options, dataDir);
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(String(error));
      if (!inUse || attempt === 3) throw error;
    }
  }
}

type StartOptions = { dataDir?: string; env?: Record<string, string>; clock?: Clock; logLines?: string[] };

async function bootOnFreePort(options: StartOptions, dataDir: string): Promise<KeywardUnderTest> {
  const port = await freePort();
  // keyward terminates TLS itself when the test gives it a certificate.
  const baseUrl = `${options.env?.TLS_CERT_FILE ? 'https' : 'http'}://127.0.0.1:${port}`;
  const esdb =
    process.env.KEYWARD_E2E_EVENT_STORE === 'esdb' && options.env?.EVENT_STORE === undefined ? await esdbForDataDir(dataDir) : undefined;
  const storeEnv = esdb
    ? {
        EVENT_STORE: 'esdb',
        EVENTSTORE_URL: esdb.connectionString,
        EVENTSTORE_CALL_TIMEOUT_MS: String(STORE_DEADLINES_FOR_TESTS.callTimeoutMs),
        EVENTSTORE_READ_TIMEOUT_MS: String(STORE_DEADLINES_FOR_TESTS.readTimeoutMs),
      }
    : {};
  let app: NestFastifyApplication | undefined;
  let config: KeywardConfig;
  try {
    config = loadConfig({
      DATA_DIR: dataDir,
      PORT: String(port),
      ISSUER: baseUrl,
      AUDIT_RELAY: 'off',
      ...sharedKeysOf(dataDir),
      ...storeEnv,
      ...options.env,
    });
    // Silent unless the test reads the log: then JSON lines into `logLines`.
    const logLines = options.logLines;
    app = await createApp(
      logLines ? { ...config, logFormat: 'json' } : config,
      logLines
        ? { clock: options.clock, logDestination: { write: (line: string) => void logLines.push(line) } }
        : { logger: false, clock: options.clock },
    );
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await esdb?.release();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  // The app first (it unsubscribes and disposes its client), then the store it used.
  const stop = () => (stopped ??= app.close().finally(() => esdb?.release()));
  return {
    baseUrl,
    dataDir,
    config,
    app,
    bootstrap: (org = `org-${Math.random().toString(36).slice(2, 8)}`, plan: Plan = 'free') =>
      app.get(CommandBus).execute(new BootstrapOrganization({ name: org, plan, context: { actor: 'test', correlationId: 'bootstrap' } })),
    readModelsCaughtUp: async () => {
      const head = await app.get<EventStore>(EVENT_STORE).headPosition();
      if (head !== undefined) await app.get<ReadModelConsistency>(READ_MODEL_CONSISTENCY).waitFor(head);
    },
    stop,
    dispose: async () => {
      await stop();
      await esdb?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The pepper and key-encryption key, as an operator passes them (EventStoreDB requires them): kept per
 * DATA_DIR so that a restart, or the CLI on the same DATA_DIR, uses the same ones.
 */
export function sharedKeysOf(dataDir: string): { SECRET_PEPPER: string; KEY_ENCRYPTION_KEY: string } {
  const config = loadConfig({ DATA_DIR: dataDir });
  return { SECRET_PEPPER: config.secretPepper.toString('base64'), KEY_ENCRYPTION_KEY: config.keyEncryptionKey.toString('base64') };
}
