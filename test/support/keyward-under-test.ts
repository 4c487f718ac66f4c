import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig, type KeywardConfig } from '@keyward/config';
import type { Plan } from '@keyward/domain';
import { createApp } from '../../apps/server/src/create-app';
import { freePort } from './free-port';
import { BootstrapOrganization, type BootstrappedOrganization } from '../../apps/server/src/admin/organizations/bootstrap-organization/bootstrap-organization.handler';

export interface KeywardUnderTest {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly config: KeywardConfig;
  readonly app: NestFastifyApplication;
  /** A new organization with its admin client, as `npm run cli -- bootstrap` makes it. */
  bootstrap(org?: string, plan?: Plan): Promise<BootstrappedOrganization>;
  stop(): Promise<void>;
  /** stop() and remove the data directory. */
  dispose(): Promise<void>;
}

/** Boots the real HTTP service on a random loopback port over a temporary DATA_DIR (or a given one). */
export async function startKeyward(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<KeywardUnderTest> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keyward-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), ISSUER: baseUrl, AUDIT_RELAY: 'off', ...options.env });
  const app = await createApp(config, { logger: false });
  await app.listen(port, '127.0.0.1');
  const stop = async () => {
    await app.close();
  };
  return {
    baseUrl,
    dataDir,
    config,
    app,
    bootstrap: (org = `org-${Math.random().toString(36).slice(2, 8)}`, plan: Plan = 'free') =>
      app.get(CommandBus).execute(new BootstrapOrganization(org, plan, { actor: 'test', correlationId: 'bootstrap' })),
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
