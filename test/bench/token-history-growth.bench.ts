/**
 * `npm run bench:growth`: what token history costs over time. Issues N tokens per step (default 3 steps
 * × 300,000; BENCH_GROWTH_STEPS, BENCH_GROWTH_TOKENS), restarting the server (as `npm start` runs it)
 * between steps, and prints per step: restart-to-ready, RSS after the restart and after a warm-up, and
 * bytes on disk per token (events.sqlite with its WAL; audit.jsonl apart). Then moves the clock past the
 * retention window, runs the retention job on the stopped server's store, and shows what it gave back.
 * Default configuration, but the free plan's 20 grants/s per organization (it would cap the bench; the limiter still runs).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@keyward/event-store';
import { TokenHistoryRetention } from '../../apps/server/src/token-history/token-history-retention';
import { freePort } from '../support/free-port';
import { buildDist, median, processRssMiB, runCli, spawnKeyward, stopProcess, waitForOk } from './bench-processes';
import { driveGrants } from './drive-grants';

const STEPS = Number(process.env.BENCH_GROWTH_STEPS ?? 3);
const TOKENS = Number(process.env.BENCH_GROWTH_TOKENS ?? 300_000);
const WARM_UP = 2000;
// Restart-to-ready is the median of this many restarts per step: one start on a shared machine is noise.
const RESTARTS = Number(process.env.BENCH_GROWTH_RESTARTS ?? 3);
const RETENTION_DAYS = 30;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-growth-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: baseUrl,
    TOKEN_EVENT_RETENTION_DAYS: String(RETENTION_DAYS),
    LOG_FORMAT: 'json',
    ORG_GRANTS_PER_SECOND_FREE: '1000000',
  };
  delete env.KAFKA_BROKERS;
  await buildDist();
  const admin = JSON.parse(await runCli(env, ['bootstrap', '--org', 'Growth', '--json']));
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(admin.clientId)}:${encodeURIComponent(admin.clientSecret)}`).toString('base64')}`;
  const storeBytes = () =>
    ['events.sqlite', 'events.sqlite-wal'].reduce((n, f) => n + (existsSync(join(dataDir, f)) ? statSync(join(dataDir, f)).size : 0), 0);
  const auditBytes = () => (existsSync(join(dataDir, 'audit.jsonl')) ? statSync(join(dataDir, 'audit.jsonl')).size : 0);

  let issued = 0;
  const rows: string[] = [];
  async function restart(label: string, issue = label !== 'fresh'): Promise<void> {
    let replayed = '?';
    let shutdown = '';
    const onLogLine = (line: string) => {
      if (line.includes('read models caught up')) replayed = String(JSON.parse(line).eventsApplied);
      if (line.includes('shut down with work cut short')) shutdown = ' (shutdown cut short)';
    };
    const readyTimes: number[] = [];
    let server: ChildProcess;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      server = spawnKeyward(env, onLogLine);
      await waitForOk(`${baseUrl}/readyz`, 600_000);
      readyTimes.push(performance.now() - started);
      if (attempt >= RESTARTS) break;
      await stopProcess(server);
    }
    const readyMs = median(readyTimes);
    const rssReady = processRssMiB(server.pid!);
    const warm = await driveGrants({ url: `${baseUrl}/oauth/token`, pid: server.pid!, requests: WARM_UP, authorizations: [authorization] });
    issued += warm.ok;
    const rssWarm = processRssMiB(server.pid!);
    let load = 0;
    if (issue) {
      const step = await driveGrants({
        url: `${baseUrl}/oauth/token`,
        pid: server.pid!,
        requests: TOKENS,
        authorizations: [authorization],
      });
      issued += step.ok;
      load = step.grantsPerSecond;
    }
    await stopProcess(server);
    const bytes = storeBytes();
    rows.push(
      `${label.padEnd(22)} ${issued.toString().padStart(9)} ${(readyMs / 1000).toFixed(2).padStart(8)} s ${rssReady.toFixed(0).padStart(6)} MiB ${rssWarm.toFixed(0).padStart(6)} MiB ${(bytes / Math.max(issued, 1)).toFixed(0).padStart(7)} B ${(auditBytes() / Math.max(issued, 1)).toFixed(0).padStart(7)} B ${load ? load.toFixed(0).padStart(7) : '      -'}   replayed ${replayed.padStart(7)}   load ${loadavg()[0].toFixed(1)}${shutdown}`,
    );
    console.log(rows[rows.length - 1]);
  }

  try {
    console.log(`step                   tokens    restart (median of ${RESTARTS})  RSS ready  RSS warm  store/token audit/token grants/s`);
    await restart('fresh');
    for (let step = 1; step <= STEPS; step++) await restart(`after step ${step}`);

    // The clock moved past the window: the stopped server's store, pruned by the server's own job.
    const path = join(dataDir, 'events.sqlite');
    const before = storeBytes();
    let store = openSqliteEventStore({ path });
    const started = performance.now();
    const run = await new TokenHistoryRetention({
      store,
      clock: () => new Date(Date.now() + (RETENTION_DAYS + 1) * 86_400_000),
      retentionDays: RETENTION_DAYS,
      organizationIds: () => [admin.orgId],
    }).run();
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    store = openSqliteEventStore({ path });
    await store.close();
    console.log(
      `retention, clock + ${RETENTION_DAYS + 1} days: ${run.truncated} token events removed in ${seconds.toFixed(1)} s (relay published up to ${run.publishedUpTo}); store ${(before / 1048576).toFixed(1)} MiB -> ${(storeBytes() / 1048576).toFixed(1)} MiB`,
    );
    await restart('after retention', false);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
