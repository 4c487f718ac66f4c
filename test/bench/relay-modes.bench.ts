/**
 * `npm run bench:relay`: what the embedded audit relay costs the token endpoint in each AUDIT_RELAY mode.
 * Three keyward servers with the default configuration but for AUDIT_RELAY (`embedded`: the relay thread,
 * the default; `in-process`: on the main thread; `off`), driven in interleaved rounds whose order rotates,
 * so all three see the same machine load. Prints per round grants/s and server CPU µs per grant by
 * thread (`main` is the event loop), then the medians and each mode ÷ `off`.
 */
import { loadavg } from 'node:os';
import { startBenchKeyward, type BenchKeyward } from './bench-keyward';
import { buildDist, median } from './bench-processes';
import { type GrantRound, driveGrants } from './drive-grants';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MODES = ['embedded', 'in-process', 'off'] as const;
type Mode = (typeof MODES)[number];

/** The `main N` figure of a round's thread split. */
const mainUs = (round: GrantRound) => Number(/main (\d+)/.exec(round.threadsUs)?.[1] ?? NaN);

async function main(): Promise<void> {
  await buildDist();
  const servers = new Map<Mode, BenchKeyward>();
  try {
    for (const mode of MODES) servers.set(mode, await startBenchKeyward({ AUDIT_RELAY: mode }));
    const rounds = new Map<Mode, GrantRound[]>(MODES.map((mode) => [mode, []]));
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(loadavg()[0]);
      for (const mode of MODES.map((_, i) => MODES[(i + round) % MODES.length]!)) {
        const server = servers.get(mode)!;
        const result = await driveGrants({
          url: `${server.baseUrl}/oauth/token`,
          pid: server.server.pid!,
          requests: REQUESTS,
          authorizations: server.authorizations,
        });
        rounds.get(mode)!.push(result);
        console.log(
          `round ${round + 1} ${mode.padEnd(10)}: ${result.grantsPerSecond.toFixed(0)} grants/s, server CPU ${result.cpuPerGrantUs.toFixed(0)} µs/grant (${result.threadsUs})`,
        );
      }
    }
    const off = rounds.get('off')!;
    const perRound = (a: GrantRound[], of: (r: GrantRound) => number) => a.map((r, i) => of(r) / of(off[i]!));
    const show = (ratios: number[]) => `${median(ratios).toFixed(2)}× (rounds ${ratios.map((r) => r.toFixed(2)).join(', ')})`;
    console.log(
      `\naudit relay modes, 64 connections, ${ROUNDS} rotating rounds × ${REQUESTS} grants; load: ${loads.map((l) => l.toFixed(1)).join(', ')}`,
    );
    for (const [mode, rs] of rounds) {
      const figures = `median ${median(rs.map((r) => r.grantsPerSecond)).toFixed(0)} grants/s, main ${median(rs.map(mainUs)).toFixed(0)} µs/grant, total ${median(rs.map((r) => r.cpuPerGrantUs)).toFixed(0)} µs/grant`;
      const ratios =
        mode === 'off' ? '' : `; ÷ off: grants/s ${show(perRound(rs, (r) => r.grantsPerSecond))}, main ${show(perRound(rs, mainUs))}`;
      console.log(`  ${mode.padEnd(10)} ${figures}${ratios}`);
    }
    for (const [mode, server] of servers) {
      const returned = rounds.get(mode)!.reduce((n, r) => n + r.ok, 0);
      const issued = await server.stopAndCountIssued();
      console.log(
        `  ${mode}: tokens returned ${returned}, AccessTokenIssued recorded ${issued}: ${returned === issued ? 'EQUAL' : 'MISMATCH'}`,
      );
      if (returned !== issued) process.exitCode = 1;
    }
  } finally {
    for (const server of servers.values()) server.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
