/**
 * `npm run bench`: keyward's token endpoint beside the limit probe (../shared/bench/limit-probe.mjs), in
 * one run, rounds interleaved so both see the same machine load. keyward runs with its default
 * configuration (`npm start`: embedded store, embedded audit relay writing DATA_DIR/audit.jsonl).
 * Prints grants/s per round, the medians, keyward ÷ probe, server CPU µs per grant, and whether every
 * token keyward returned has its AccessTokenIssued event in the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@keyward/event-store';
import { tokenIssuanceStream } from '@keyward/domain';
import { freePort } from '../support/free-port';
import { accessToken, adminApi } from '../support/oauth-client';
import { buildDist, median, runCli, spawnKeyward, stopProcess, waitForOk } from './bench-processes';
import { type GrantRound, driveGrants } from './drive-grants';
import { PROBE_AUTHORIZATION, spawnLimitProbe } from './limit-probe-process';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLIENTS = 16;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
  const [port, probePort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  // Rate limits stay on (RATE_LIMITS=off is the comparison of npm run bench:limits); the free plan's grants/s
  // ceiling is raised above what one machine can drive, so the limiter counts every grant and refuses none.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: baseUrl,
    ORG_GRANTS_PER_SECOND_FREE: '1000000',
  };
  delete env.KAFKA_BROKERS; // `npm start` defaults: no Kafka, the relay writes DATA_DIR/audit.jsonl
  await buildDist();
  const admin = JSON.parse(await runCli(env, ['bootstrap', '--org', 'Bench', '--json']));
  const server = spawnKeyward(env);
  const probe = spawnLimitProbe(probePort, dataDir);
  try {
    await waitForOk(`${baseUrl}/healthz`);
    if (probe) await waitForOk(`http://127.0.0.1:${probePort}/oauth/token`, 30_000, true);
    const api = adminApi(baseUrl, await accessToken(baseUrl, admin));
    await api('POST', '/scopes', { name: 'read:reports', description: 'Read reports' });
    const account = (await api('POST', '/service-accounts', { name: 'load' })).body;
    const authorizations: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = (
        await api('POST', `/service-accounts/${account.id}/credentials`, {
          type: 'oauth_client',
          name: `client-${i}`,
          scopes: ['read:reports'],
        })
      ).body;
      authorizations.push(
        `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`,
      );
    }

    const keyward: GrantRound[] = [];
    const limit: GrantRound[] = [];
    const loads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      loads.push(loadavg()[0]);
      // Alternate which one goes first, so neither always runs on a machine warmed (or tired) by the other.
      const order = round % 2 === 1 ? ['keyward', 'probe'] : ['probe', 'keyward'];
      for (const which of order) {
        if (which === 'probe' && !probe) continue;
        const result =
          which === 'keyward'
            ? await driveGrants({ url: `${baseUrl}/oauth/token`, pid: server.pid!, requests: REQUESTS, authorizations })
            : await driveGrants({
                url: `http://127.0.0.1:${probePort}/oauth/token`,
                pid: probe!.pid!,
                requests: REQUESTS,
                authorizations: [PROBE_AUTHORIZATION],
              });
        (which === 'keyward' ? keyward : limit).push(result);
        console.log(
          `round ${round} ${which.padEnd(7)}: ${result.grantsPerSecond.toFixed(0)} grants/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.ok} tokens, ${result.failed} failed, server CPU ${result.cpuPerGrantUs.toFixed(0)} µs/grant (${result.threadsUs})`,
        );
      }
    }

    await stopProcess(server);
    const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    const issued = (await store.readStream(tokenIssuanceStream(admin.orgId))).filter(
      (e) => e.type === 'AccessTokenIssued' && (e.data as { serviceAccountId: string }).serviceAccountId === account.id,
    ).length;
    await store.close();

    const tokens = keyward.reduce((n, r) => n + r.ok, 0);
    const rate = (rounds: GrantRound[]) => median(rounds.map((r) => r.grantsPerSecond));
    console.log('');
    console.log(
      `token endpoint, 64 connections, ${ROUNDS} interleaved rounds × ${REQUESTS} grants, default configuration (embedded store and audit relay; ORG_GRANTS_PER_SECOND_FREE raised)`,
    );
    console.log(`machine load (1-min average) at the rounds' start: ${loads.map((l) => l.toFixed(1)).join(', ')}`);
    const line = (name: string, rounds: GrantRound[]) =>
      `  ${name.padEnd(12)} median ${rate(rounds).toFixed(0).padStart(6)} grants/s (rounds ${rounds.map((r) => r.grantsPerSecond.toFixed(0)).join(', ')}), p50 ${median(rounds.map((r) => r.p50))} ms, p99 ${median(rounds.map((r) => r.p99))} ms, server CPU ${median(rounds.map((r) => r.cpuPerGrantUs)).toFixed(0)} µs/grant`;
    console.log(line('keyward', keyward));
    if (limit.length > 0) {
      console.log(line('limit probe', limit));
      const ratios = keyward.map((r, i) => r.grantsPerSecond / limit[i].grantsPerSecond);
      console.log(
        `  keyward ÷ probe: median of per-round ratios ${median(ratios).toFixed(2)}× (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}); CPU per grant ${(median(keyward.map((r) => r.cpuPerGrantUs)) / median(limit.map((r) => r.cpuPerGrantUs))).toFixed(2)}× the probe's`,
      );
    } else {
      console.log('  limit probe not found (LIMIT_PROBE=path/to/limit-probe.mjs): no ratio');
    }
    console.log(`  tokens returned ${tokens}, AccessTokenIssued events recorded ${issued}: ${tokens === issued ? 'EQUAL' : 'MISMATCH'}`);
    if (tokens !== issued || keyward.some((r) => r.failed > 0)) process.exitCode = 1;
  } finally {
    for (const child of [server, probe]) if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
