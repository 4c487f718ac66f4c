/**
 * `npm run bench:limits`: what the rate limiter costs on the hot path (issue: under 5 %). Two keyward
 * servers with the default configuration, one with its limits on (the default) and one with RATE_LIMITS=off,
 * and the limit probe (../shared/bench/limit-probe.mjs), driven in interleaved rounds whose order rotates, so
 * all three see the same machine load. Prints per round grants/s and server CPU µs per grant, then the
 * medians, limits-on ÷ limits-off for both (median of the per-round ratios), and each beside the probe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { startBenchKeyward, type BenchKeyward } from './bench-keyward';
import { buildDist, median, waitForOk } from './bench-processes';
import { type GrantRound, driveGrants } from './drive-grants';
import { PROBE_AUTHORIZATION, spawnLimitProbe } from './limit-probe-process';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
type Contestant = 'limits on' | 'limits off' | 'probe';

async function main(): Promise<void> {
  const probeDir = mkdtempSync(join(tmpdir(), 'keyward-bench-probe-'));
  const probePort = await freePort();
  await buildDist();
  const servers: Partial<Record<Contestant, BenchKeyward>> = {};
  const probe = spawnLimitProbe(probePort, probeDir);
  try {
    servers['limits on'] = await startBenchKeyward();
    servers['limits off'] = await startBenchKeyward({ RATE_LIMITS: 'off' });
    if (probe) await waitForOk(`http://127.0.0.1:${probePort}/oauth/token`, 30_000, true);
    const contestants: Contestant[] = probe ? ['limits on', 'limits off', 'probe'] : ['limits on', 'limits off'];
    const rounds = new Map<Contestant, GrantRound[]>(contestants.map((c) => [c, []]));
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(loadavg()[0]);
      const order = contestants.map((_, i) => contestants[(i + round) % contestants.length]);
      for (const which of order) {
        const server = servers[which as 'limits on' | 'limits off'];
        const result = server
          ? await driveGrants({
              url: `${server.baseUrl}/oauth/token`,
              pid: server.server.pid!,
              requests: REQUESTS,
              authorizations: server.authorizations,
            })
          : await driveGrants({
              url: `http://127.0.0.1:${probePort}/oauth/token`,
              pid: probe!.pid!,
              requests: REQUESTS,
              authorizations: [PROBE_AUTHORIZATION],
            });
        rounds.get(which)!.push(result);
        console.log(
          `round ${round + 1} ${which.padEnd(10)}: ${result.grantsPerSecond.toFixed(0)} grants/s, ${result.ok} tokens, ${result.failed} failed, server CPU ${result.cpuPerGrantUs.toFixed(0)} µs/grant`,
        );
      }
    }
    const on = rounds.get('limits on')!;
    const off = rounds.get('limits off')!;
    const perRound = (a: GrantRound[], b: GrantRound[], of: (r: GrantRound) => number) => a.map((r, i) => of(r) / of(b[i]));
    const show = (ratios: number[]) => `${median(ratios).toFixed(3)}× (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`;
    console.log('');
    console.log(
      `rate limiter cost, 64 connections, ${ROUNDS} rotating rounds × ${REQUESTS} grants; load at the rounds' start: ${loads.map((l) => l.toFixed(1)).join(', ')}`,
    );
    for (const [name, rs] of rounds)
      console.log(
        `  ${name.padEnd(10)} median ${median(rs.map((r) => r.grantsPerSecond)).toFixed(0)} grants/s, server CPU ${median(rs.map((r) => r.cpuPerGrantUs)).toFixed(0)} µs/grant`,
      );
    console.log(`  limits on ÷ off, grants/s: ${show(perRound(on, off, (r) => r.grantsPerSecond))}`);
    console.log(`  limits on ÷ off, server CPU per grant: ${show(perRound(on, off, (r) => r.cpuPerGrantUs))}`);
    const limit = rounds.get('probe');
    if (limit) {
      console.log(`  limits on ÷ probe, grants/s: ${show(perRound(on, limit, (r) => r.grantsPerSecond))}`);
      console.log(`  limits off ÷ probe, grants/s: ${show(perRound(off, limit, (r) => r.grantsPerSecond))}`);
    }
    for (const [name, server] of Object.entries(servers)) {
      const returned = rounds.get(name as Contestant)!.reduce((n, r) => n + r.ok, 0);
      const issued = await server.stopAndCountIssued();
      console.log(
        `  ${name}: tokens returned ${returned}, AccessTokenIssued recorded ${issued}: ${returned === issued ? 'EQUAL' : 'MISMATCH'}`,
      );
      if (returned !== issued) process.exitCode = 1;
    }
  } finally {
    for (const server of Object.values(servers)) server.dispose();
    if (probe && probe.exitCode === null) probe.kill('SIGKILL');
    rmSync(probeDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
