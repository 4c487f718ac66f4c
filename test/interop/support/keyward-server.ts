import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig, type KeywardConfig } from '@keyward/config';
import { createApp } from '../../../apps/server/src/create-app';
import { BootstrapOrganization, type BootstrappedOrganization } from '@keyward/application';

/** A clock tests move forward, for lifetimes, expiry and key rotation. */
export class TestClock {
  constructor(private nowMs = Date.now()) {}
  readonly now = (): Date => new Date(this.nowMs);
  advance(seconds: number): void {
    this.nowMs += seconds * 1000;
  }
}

export interface KeywardServer {
  readonly baseUrl: string;
  readonly config: KeywardConfig;
  readonly app: NestFastifyApplication;
  readonly clock: TestClock;
  bootstrap(): Promise<BootstrappedOrganization>;
  close(): Promise<void>;
}

/** The real HTTP service on a loopback port over a temporary DATA_DIR, as a third party would reach it. */
export async function startKeywardServer(env: Record<string, string> = {}): Promise<KeywardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-interop-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), ISSUER: baseUrl, AUDIT_RELAY: 'off', ...env });
  const clock = new TestClock();
  const app = await createApp(config, { logger: false, clock: clock.now });
  await app.listen(port, '127.0.0.1');
  return {
    baseUrl,
    config,
    app,
    clock,
    bootstrap: () => app.get(CommandBus).execute(new BootstrapOrganization({ name: `org-${Math.random().toString(36).slice(2, 8)}`, plan: 'enterprise', context: { actor: 'test', correlationId: 'bootstrap' } })),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
