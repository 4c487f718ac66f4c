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
import { freePort } from '../support/free-port';
import { startBenchKeyward } from './bench-keyward';
import { buildDist, median, waitForOk } from './bench-processes';
import { type GrantRound, driveGrants } from './drive-grants';
import { PROBE_AUTHORIZATION, spawnLimitProbe } from './limit-probe-process';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Both servers first answer this many grants, not measured: V8 optimizes a hot path over its first few
// thousand calls, and a cold first round measured compilation, not the endpoint (378 against 281 µs of
// server CPU per grant, 2026-12-01 20:38).
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10_000);

async function main(): Promise<void> {
  const probeDir = mkdtempSync(join(tmpdir(), 'keyward-bench-probe-'));
  const probePort = await freePort();
  await buildDist();
  // Rate limits stay on (npm run bench:limits compares them with RATE_LIMITS=off).
  const bench = await startBenchKeyward();
  const { baseUrl, server, authorizations } = bench;
  const probe = spawnLimitProbe(probePort, probeDir);
  try {
    if (probe) await waitForOk(`http://127.0.0.1:${probePort}/oauth/token`, 30_000, true);

    const keywardLoad = (requests: number) => driveGrants({ url: `${baseUrl}/oauth/token`, pid: server.pid!, requests, authorizations });
    const probeLoad = (requests: number) =>
      driveGrants({ url: `http://127.0.0.1:${probePort}/oauth/token`, pid: probe!.pid!, requests, authorizations: [PROBE_AUTHORIZATION] });
    const warmup = WARMUP > 0 ? await keywardLoad(WARMUP) : undefined;
    if (probe && WARMUP > 0) await probeLoad(WARMUP);

    const keyward: GrantRound[] = [];
    const limit: GrantRound[] = [];
    const loads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      loads.push(loadavg()[0]);
      // Alternate which one goes first, so neither always runs on a machine warmed (or tired) by the other.
      const order = round % 2 === 1 ? ['keyward', 'probe'] : ['probe', 'keyward'];
      for (const which of order) {
        if (which === 'probe' && !probe) continue;
        const result = which === 'keyward' ? await keywardLoad(REQUESTS) : await probeLoad(REQUESTS);
        (which === 'keyward' ? keyward : limit).push(result);
        console.log(
          `round ${round} ${which.padEnd(7)}: ${result.grantsPerSecond.toFixed(0)} grants/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.ok} tokens, ${result.failed} failed, server CPU ${result.cpuPerGrantUs.toFixed(0)} µs/grant (${result.threadsUs}); autocannon ${result.loadGeneratorUs.toFixed(0)} µs/request`,
        );
      }
    }

    const issued = await bench.stopAndCountIssued();

    const tokens = keyward.reduce((n, r) => n + r.ok, warmup?.ok ?? 0);
    const rate = (rounds: GrantRound[]) => median(rounds.map((r) => r.grantsPerSecond));
    console.log('');
    console.log(
      `token endpoint, 64 connections, ${WARMUP} grants of warm-up each, then ${ROUNDS} interleaved rounds × ${REQUESTS} grants, default configuration (embedded store and audit relay; ORG_GRANTS_PER_SECOND_FREE raised)`,
    );
    console.log(`machine load (1-min average) at the rounds' start: ${loads.map((l) => l.toFixed(1)).join(', ')}`);
    const line = (name: string, rounds: GrantRound[]) =>
      `  ${name.padEnd(12)} median ${rate(rounds).toFixed(0).padStart(6)} grants/s (rounds ${rounds.map((r) => r.grantsPerSecond.toFixed(0)).join(', ')}), p50 ${median(rounds.map((r) => r.p50))} ms, p99 ${median(rounds.map((r) => r.p99))} ms, server CPU ${median(rounds.map((r) => r.cpuPerGrantUs)).toFixed(0)} µs/grant, autocannon ${median(rounds.map((r) => r.loadGeneratorUs)).toFixed(0)} µs/request`;
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
    bench.dispose();
    if (probe && probe.exitCode === null) probe.kill('SIGKILL');
    rmSync(probeDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
