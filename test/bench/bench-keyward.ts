import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenIssuanceStream } from '@keyward/domain';
import { openSqliteEventStore } from '@keyward/event-store';
import { freePort } from '../support/free-port';
import { accessToken, adminApi } from '../support/oauth-client';
import { runCli, spawnKeyward, stopProcess, waitForOk } from './bench-processes';

/** A keyward server as `npm start` runs it (built dist, own DATA_DIR), with one account and its clients to drive. */
export interface BenchKeyward {
  readonly baseUrl: string;
  readonly server: ChildProcess;
  /** One `Authorization: Basic` header per client of the load account. */
  readonly authorizations: readonly string[];
  /** Stops the server, then counts the load account's AccessTokenIssued events in its store. */
  stopAndCountIssued(): Promise<number>;
  /** Kills the server if still running and removes its DATA_DIR. */
  dispose(): void;
}

/**
 * Boots keyward with the default configuration plus `env` (call buildDist() first). The free plan's
 * grants/s ceiling is raised above what one machine can drive, so the limiter counts every grant and
 * refuses none.
 */
export async function startBenchKeyward(env: NodeJS.ProcessEnv = {}, clients = 16): Promise<BenchKeyward> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: baseUrl,
    ORG_GRANTS_PER_SECOND_FREE: '1000000',
    ...env,
  };
  delete serverEnv.KAFKA_BROKERS; // `npm start` defaults: no Kafka, the relay writes DATA_DIR/audit.jsonl
  const admin = JSON.parse(await runCli(serverEnv, ['bootstrap', '--org', 'Bench', '--json']));
  const server = spawnKeyward(serverEnv);
  const dispose = () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${baseUrl}/healthz`);
    const api = adminApi(baseUrl, await accessToken(baseUrl, admin));
    await api('POST', '/scopes', { name: 'read:reports', description: 'Read reports' });
    const account = (await api('POST', '/service-accounts', { name: 'load' })).body;
    const authorizations: string[] = [];
    for (let i = 0; i < clients; i++) {
      const body = { type: 'oauth_client', name: `client-${i}`, scopes: ['read:reports'] };
      const c = (await api('POST', `/service-accounts/${account.id}/credentials`, body)).body;
      authorizations.push(
        `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`,
      );
    }
    const stopAndCountIssued = async () => {
      await stopProcess(server);
      const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
      try {
        const events = await store.readStream(tokenIssuanceStream(admin.orgId));
        return events.filter(
          (e) => e.type === 'AccessTokenIssued' && (e.data as { serviceAccountId: string }).serviceAccountId === account.id,
        ).length;
      } finally {
        await store.close();
      }
    };
    return { baseUrl, server, authorizations, stopAndCountIssued, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
