/**
 * `npm run bench:growth`: what token history costs over time. Issues N tokens per step (default 3 steps
 * × 300,000; BENCH_GROWTH_STEPS, BENCH_GROWTH_TOKENS), restarting the server (as `npm start` runs it)
 * between steps, and prints per step: restart-to-ready, RSS after the restart and after a warm-up, and
 * bytes on disk per token (events.sqlite with its WAL; audit.jsonl apart). Every figure is set against
 * a fresh server (its own DATA_DIR, bootstrapped the same way) measured in the same step, restarts
 * interleaved: on a shared machine only a ratio taken at the same moment means anything.
 * Then it SIGKILLs the server right after about BENCH_GROWTH_KILL_SECONDS (default 50, under the 60 s
 * snapshot interval) of grants, BENCH_GROWTH_KILLS times (default 3), and times the start that replays
 * that tail. Last, it moves the clock past the retention window, runs the retention job on the stopped server's store,
 * and shows what it gave back. Default configuration, but the free plan's 20 grants/s per organization
 * (it would cap the bench; the limiter still runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@keyward/event-store';
import { TokenHistoryRetention } from '../../apps/server/src/token-history/token-history-retention';
import { freePort } from '../support/free-port';
import { buildDist, median } from './bench-processes';
import { GrowthServer, type Start } from './growth-server';

const STEPS = Number(process.env.BENCH_GROWTH_STEPS ?? 3);
const TOKENS = Number(process.env.BENCH_GROWTH_TOKENS ?? 300_000);
const WARM_UP = 2000;
// Restart-to-ready is the median of this many restarts per step: one start on a shared machine is noise.
const RESTARTS = Number(process.env.BENCH_GROWTH_RESTARTS ?? 3);
const KILLS = Number(process.env.BENCH_GROWTH_KILLS ?? 3);
const KILL_SECONDS = Number(process.env.BENCH_GROWTH_KILL_SECONDS ?? 50);
const RETENTION_DAYS = 30;

const fixed = (n: number, width: number, digits = 0) => n.toFixed(digits).padStart(width);
const load = () => `load ${loadavg()[0].toFixed(1)}`;

async function main(): Promise<void> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = (name: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), `keyward-growth-${name}-`));
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
    return new GrowthServer(env, dataDir, baseUrl);
  };
  const grown = server('grown');
  const fresh = server('fresh');
  await buildDist();
  await grown.bootstrap();
  await fresh.bootstrap();

  let issued = 0;
  let lastRate = 0;
  /** Interleaved restarts of both; leaves the grown server running and returns its figures with the fresh one's. */
  async function compareRestarts(label: string): Promise<void> {
    const times = { grown: [] as number[], fresh: [] as number[] };
    const boots = { grown: [] as number[], fresh: [] as number[] };
    let last: Start | undefined;
    let freshRss = { ready: 0, warm: 0 };
    for (let round = 1; round <= RESTARTS; round++) {
      const freshStart = await fresh.start();
      times.fresh.push(freshStart.readyMs);
      boots.fresh.push(freshStart.bootMs);
      if (round === RESTARTS) {
        const ready = fresh.rssMiB();
        await fresh.grants(WARM_UP);
        freshRss = { ready, warm: fresh.rssMiB() };
      }
      await fresh.stop();
      last = await grown.start();
      times.grown.push(last.readyMs);
      boots.grown.push(last.bootMs);
      if (round < RESTARTS) await grown.stop();
    }
    const rssReady = grown.rssMiB();
    issued += (await grown.grants(WARM_UP)).ok;
    const rssWarm = grown.rssMiB();
    const [grownMs, freshMs] = [median(times.grown), median(times.fresh)];
    console.log(
      `${label.padEnd(16)} ${fixed(issued, 9)} ${fixed(grownMs / 1000, 6, 2)} s ${fixed(freshMs / 1000, 6, 2)} s ${fixed(grownMs / freshMs, 5, 2)}×` +
        ` ${fixed(rssReady, 5)} (${fixed(freshRss.ready, 3)}) MiB ${fixed(rssWarm, 5)} (${fixed(freshRss.warm, 3)}) MiB` +
        ` ${fixed(grown.storeBytes() / Math.max(issued, 1), 6)} B ${fixed(grown.fileBytes('audit.jsonl') / Math.max(issued, 1), 6)} B` +
        ` ${lastRate ? fixed(lastRate, 6) : '     -'}  replayed ${fixed(last!.replayed, 6)} in ${last!.replaySeconds} s` +
        `  boot ${fixed(median(boots.grown), 4)} vs ${fixed(median(boots.fresh), 4)} ms  ${load()}`,
    );
  }

  try {
    console.log(`restart-to-ready: median of ${RESTARTS} per server, interleaved; (fresh server's figure in brackets)`);
    console.log('boot: Nest starting to listening, after the modules are loaded (the part a store could slow), grown vs fresh');
    console.log(`step                tokens   restart  fresh  ratio   RSS ready         RSS warm   store/token audit/token grants/s`);
    await compareRestarts('fresh');
    await grown.stop();
    for (let step = 1; step <= STEPS; step++) {
      await grown.start();
      const round = await grown.grants(TOKENS);
      issued += round.ok;
      lastRate = round.grantsPerSecond;
      await grown.stop();
      await compareRestarts(`after step ${step}`);
      await grown.stop();
    }

    // SIGKILL right after about KILL_SECONDS of grants, before the next snapshot is due: no snapshot at stop,
    // so the next start applies everything since the one taken at the last clean stop.
    const killed: Start[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      await grown.start();
      const round = await grown.grants(Math.round(lastRate * KILL_SECONDS));
      issued += round.ok;
      await grown.kill();
      const walBytes = grown.fileBytes('events.sqlite-wal');
      const start = await grown.start();
      killed.push(start);
      console.log(
        `SIGKILL after ${round.ok} grants (${(round.ok / round.grantsPerSecond).toFixed(0)} s): restart-to-ready ${(start.readyMs / 1000).toFixed(2)} s (boot ${start.bootMs} ms), replayed ${start.replayed} events in ${start.replaySeconds} s; WAL at the kill ${(walBytes / 1048576).toFixed(1)} MiB; ${load()}`,
      );
      await grown.stop();
    }
    if (killed.length)
      console.log(`SIGKILL restart median ${(median(killed.map((s) => s.readyMs)) / 1000).toFixed(2)} s over ${killed.length}`);

    // The clock moved past the window: the stopped server's store, pruned by the server's own job.
    const path = join(grown.dataDir, 'events.sqlite');
    const before = grown.storeBytes();
    let store = openSqliteEventStore({ path });
    const started = performance.now();
    const run = await new TokenHistoryRetention({
      store,
      clock: () => new Date(Date.now() + (RETENTION_DAYS + 1) * 86_400_000),
      retentionDays: RETENTION_DAYS,
      organizationIds: () => [grown.orgId],
    }).run();
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    store = openSqliteEventStore({ path });
    await store.close();
    console.log(
      `retention, clock + ${RETENTION_DAYS + 1} days: ${run.truncated} token events removed in ${seconds.toFixed(1)} s (relay published up to ${run.publishedUpTo}); store ${(before / 1048576).toFixed(1)} MiB -> ${(grown.storeBytes() / 1048576).toFixed(1)} MiB`,
    );
    lastRate = 0;
    await compareRestarts('after retention');
    await grown.stop();
    if (grown.shutdownCutShort || fresh.shutdownCutShort) console.log('note: a shutdown was cut short (see the server log)');
  } finally {
    rmSync(grown.dataDir, { recursive: true, force: true });
    rmSync(fresh.dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
